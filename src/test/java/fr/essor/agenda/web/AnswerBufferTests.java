package fr.essor.agenda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The buffer an API page is written into: what it sends, and an entity tag that follows every byte. */
class AnswerBufferTests {

    private static String tagOf(byte[] bytes) {
        AnswerBuffer buffer = AnswerBuffer.ofThisThread();
        buffer.write(bytes, 0, bytes.length);
        return buffer.entityTag();
    }

    @Test
    void theTagChangesWithAnyByteAndOnlyWithTheBytes() {
        byte[] page = new byte[9000];
        new Random(7).nextBytes(page);
        String tag = tagOf(page);
        assertThat(tag).matches("\"[0-9a-f]{32}\"");
        assertThat(tagOf(page.clone())).isEqualTo(tag);
        Set<String> tags = new HashSet<>();
        tags.add(tag);
        // one bit flipped anywhere (first byte, a middle one, the last one), or one byte more or less
        for (int at : new int[] {0, 1, 15, 16, 4500, 8999}) {
            byte[] changed = page.clone();
            changed[at] ^= 1;
            assertThat(tags.add(tagOf(changed))).as("byte %d", at).isTrue();
        }
        assertThat(tags.add(tagOf(java.util.Arrays.copyOf(page, 8999)))).isTrue();
        assertThat(tags.add(tagOf(java.util.Arrays.copyOf(page, 9001)))).isTrue();
    }

    @Test
    void aReusedBufferSendsOnlyTheLastAnswerWhateverItsSize() throws IOException {
        byte[] large = new byte[AnswerBuffer.KEPT + 10];
        java.util.Arrays.fill(large, (byte) 'x');
        tagOf(large);
        AnswerBuffer buffer = AnswerBuffer.ofThisThread();
        buffer.write('{');
        buffer.write("\"a\":1}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var out = new ByteArrayOutputStream();
        buffer.writeTo(out);
        assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("{\"a\":1}");
        assertThat(buffer.length()).isEqualTo(7);
        assertThat(buffer.copy()).isEqualTo(out.toByteArray());
        assertThat(buffer.entityTag())
                .isEqualTo(tagOf("{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
