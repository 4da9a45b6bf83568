package fr.essor.shared;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Images that people upload (an event's, a structure's logo and photos). An upload is recognised by its
 * content (JPEG, PNG or GIF, whatever its name says), refused above {@value #MAX_BYTES} bytes or
 * {@value #MAX_PIXELS} pixels (before decoding), then decoded (a large one by subsampling, so that
 * memory stays bounded) and re-encoded as a JPEG at most as wide as asked: what is stored is ours,
 * without the original's metadata (a phone photo's position, for one) nor anything hidden in it.
 */
public final class ImageUploads {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final long MAX_PIXELS = 40_000_000L;
    /** About what a decoded image may hold (4 bytes each), whatever the upload's size. */
    static final long DECODED_PIXELS = 4_000_000L;
    /** Decoding takes memory and CPU: two at a time per instance, the others wait a little or are told to retry. */
    private static final Semaphore DECODING = new Semaphore(2);

    private static final Set<String> FORMATS = Set.of("jpeg", "png", "gif");

    private ImageUploads() {}

    /** An image re-encoded as a JPEG. */
    public record Reencoded(byte[] jpeg, int width, int height) {}

    /**
     * Checks an upload and re-encodes it.
     *
     * @param field the form's field, named in the errors
     * @throws InvalidInput on {@code field} when the file is empty, too large, not an image we read, or
     *     when too many are being decoded at once
     */
    public static Reencoded reencode(byte[] upload, int maxWidth, String field) {
        if (upload == null || upload.length == 0) {
            throw new InvalidInput(field, "image.error.empty");
        }
        if (upload.length > MAX_BYTES) {
            throw new InvalidInput(field, "image.error.size");
        }
        BufferedImage decoded;
        boolean admitted = false;
        try {
            admitted = DECODING.tryAcquire(10, TimeUnit.SECONDS);
            if (!admitted) {
                throw new InvalidInput(field, "image.error.busy");
            }
            decoded = decode(upload, maxWidth);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InvalidInput(field, "image.error.busy");
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw new InvalidInput(field, "image.error.type");
        } finally {
            if (admitted) {
                DECODING.release();
            }
        }
        BufferedImage image = resized(decoded, maxWidth);
        return new Reencoded(jpeg(image), image.getWidth(), image.getHeight());
    }

    private static BufferedImage decode(byte[] upload, int maxWidth) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new IOException("not an image");
            }
            ImageReader reader = readers.next();
            try {
                if (!FORMATS.contains(reader.getFormatName().toLowerCase(java.util.Locale.ROOT))) {
                    throw new IOException("format " + reader.getFormatName());
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                long pixels = (long) width * reader.getHeight(0);
                if (pixels > MAX_PIXELS || pixels == 0) {
                    throw new IOException("too many pixels: " + pixels);
                }
                // read every n-th pixel of a large image: what is decoded stays near DECODED_PIXELS
                int step = (int) Math.max(
                        1, Math.max(width / maxWidth, Math.ceil(Math.sqrt((double) pixels / DECODED_PIXELS))));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new IOException("unreadable");
                }
                return image;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Drawn again on white (JPEG has no transparency), at most {@code maxWidth} pixels wide. */
    private static BufferedImage resized(BufferedImage source, int maxWidth) {
        int width = Math.min(maxWidth, source.getWidth());
        int height = Math.max(1, (int) Math.round((double) source.getHeight() * width / source.getWidth()));
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
