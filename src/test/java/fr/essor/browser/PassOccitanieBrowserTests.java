package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import fr.essor.calls.CallsFixtures;
import fr.essor.calls.DossierFlow.Role;
import fr.essor.calls.Programme;
import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * The demonstration's Pass Occitanie from end to end in a real browser, by five persons: an applicant fills
 * the form (a repeatable budget, attachments), reads the eligibility rules and submits; an instructor asks
 * for a correction of the budget; the applicant answers it; an expert gives an opinion; the instructor
 * proposes the acceptance and a signer confirms it; the decision letter's QR code, read from the PDF,
 * leads to the page that verifies it. axe-core on every page, at a desktop's and a phone's width.
 */
class PassOccitanieBrowserTests extends BrowserTestSupport {

    private static final Pattern LINK = Pattern.compile("/avis\\?jeton=([A-Za-z0-9_-]+)");

    @Autowired
    Programmes programmes;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    Staff staff;

    @Autowired
    JdbcClient jdbc;

    private void type(String id, String text) {
        var input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void value(String id, String text) {
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, text);
    }

    private void signIn(String email) {
        driver.manage().deleteAllCookies();
        open("/connexion");
        type("email", email);
        type("password", IdentityFixtures.PASSWORD);
        clickThrough(By.cssSelector("main form button[type='submit']"));
    }

    private String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    /** A file the browser's session downloads. */
    private HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        String cookies = driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url(path)))
                            .header("Cookie", cookies)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static Path pdf(String name) throws IOException {
        Path file = Files.createTempDirectory("pass").resolve(name);
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(file.toFile());
        }
        return file;
    }

    /** The text of the QR code printed on the first page of a PDF. */
    private static String qrCode(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 150);
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            var bitmap = new BinaryBitmap(
                    new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
            return new QRCodeReader()
                    .decode(bitmap, Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText();
        }
    }

    @Test
    void aDossierGoesFromTheFormToAVerifiedDecisionLetter() throws Exception {
        desktop();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        IdentityFixtures fixtures = new IdentityFixtures(jdbc);
        Programme pass = programmes.bySlug("pass-occitanie").orElseThrow();
        String applicantEmail = "porteuse-" + suffix + "@example.org";
        long applicant = fixtures.organizer(applicantEmail);
        String siret = CallsFixtures.siret();
        String structureName = "Broyons ensemble " + suffix;
        long structure = structures
                .register(new Structures.Registration(structureName, siret, LegalFamily.COOPERATIVE, "34172", null))
                .id();
        memberships.register(applicant, structure);
        structures.verify(structure, fixtures.moderator("verif-" + suffix + "@example.org", "76", java.util.Set.of()));
        String instructorEmail = "instruction-" + suffix + "@example.org";
        long instructor = fixtures.organizer(instructorEmail);
        staff.grant(pass.id(), instructor, Role.INSTRUCTOR, instructor);
        String signerEmail = "signature-" + suffix + "@example.org";
        long signer = fixtures.organizer(signerEmail);
        staff.grant(pass.id(), signer, Role.SIGNER, signer);
        String expertEmail = "expert-" + suffix + "@example.org";
        fixtures.organizer(expertEmail);

        // the applicant fills the form, reads the eligibility rules, submits
        signIn(applicantEmail);
        open("/appels/pass-occitanie");
        new Select(driver.findElement(By.id("structure"))).selectByVisibleText(structureName);
        clickThrough(By.cssSelector("#candidater button[type='submit']"));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/dossiers/\\d+$"));
        String dossierPath = URI.create(driver.getCurrentUrl()).getPath();
        long dossier = Long.parseLong(dossierPath.substring(dossierPath.lastIndexOf('/') + 1));
        type("siret", siret);
        type("commune", "34172");
        new Select(driver.findElement(By.id("statut"))).selectByVisibleText("Coopérative");
        type("salaries", "3");
        type("titre", "Un broyeur partagé");
        type("resume", "Un broyeur de végétaux prêté aux jardins de trois communes.");
        value("debut", LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(2).toString());
        type("montant", "12 000");
        type("budget[0].poste", "Broyeur");
        type("budget[0].cout", "14 000");
        type("budget[1].poste", "Remorque");
        type("budget[1].cout", "1 500,50");
        driver.findElement(By.cssSelector("input[name='a.autresFinancements'][value='false']"))
                .click();
        type("courriel", applicantEmail);
        type("iban", "FR76 3000 6000 0112 3456 7890 189");
        driver.findElement(By.id("upload-statuts")).sendKeys(pdf("statuts.pdf").toString());
        driver.findElement(By.id("upload-comptes"))
                .sendKeys(pdf("comptes-2025.pdf").toString());
        clickThrough(By.cssSelector("main form button.button-secondary[type='submit']"));
        assertThat(main())
                .contains(
                        "La structure est vérifiée sur Essor.",
                        "La structure est installée en Occitanie.",
                        "Le montant demandé ne dépasse pas 50 000 €.")
                .doesNotContain("✗");
        assertAccessibleOnDesktopAndPhone("pass-draft");
        clickThrough(By.cssSelector("button[formaction$='/deposer']"));
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice-success"), "déposé"));
        assertThat(main()).contains("PASS-OCCITANIE-", "1500.50", "Statuts à jour (PDF) — statuts.pdf");
        var acknowledgment = download(dossierPath + "/accuse-reception.pdf");
        assertThat(acknowledgment.statusCode()).isEqualTo(200);
        assertThat(new String(acknowledgment.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        assertAccessibleOnDesktopAndPhone("pass-submitted");

        // the instructor takes it and asks for the budget to be corrected, by a date
        signIn(instructorEmail);
        open("/instruction/dossiers/" + dossier);
        clickThrough(By.cssSelector("button[formaction$='/take']"));
        driver.findElement(By.cssSelector("input[name='champs'][value='budget']"))
                .click();
        type("reason", "Joignez le devis de la remorque à la ligne du budget.");
        clickThrough(By.cssSelector("button[formaction$='/request_corrections']"));
        assertThat(main()).contains("Corrections demandées", "Réponses rouvertes", "Budget prévisionnel");
        assertAccessibleOnDesktopAndPhone("pass-instruction-corrections");

        // the applicant corrects the budget only
        signIn(applicantEmail);
        open(dossierPath);
        assertThat(main()).contains("Joignez le devis de la remorque", "Seules ces réponses peuvent être modifiées");
        assertThat(driver.findElement(By.id("titre")).isEnabled()).isFalse();
        assertAccessibleOnDesktopAndPhone("pass-corrections");
        type("budget[1].cout", "1 650");
        clickThrough(By.cssSelector("button[formaction$='/corrections']"));
        assertThat(main()).contains("En instruction", "1650.00");

        // the instructor asks an expert
        signIn(instructorEmail);
        open("/instruction/dossiers/" + dossier);
        type("expert-email", expertEmail);
        type("expert-question", "Ce broyeur suffit-il aux volumes de trois jardins partagés ?");
        clickThrough(By.cssSelector("form[action$='/experts'] button[type='submit']"));
        assertThat(main()).contains(expertEmail, "lien pas encore ouvert");
        String mail = jdbc.sql("select body from notification.outbox where recipient = ? and kind = ?")
                .params(expertEmail, "calls-expert-invitation")
                .query(String.class)
                .single();
        Matcher link = LINK.matcher(mail);
        assertThat(link.find()).isTrue();

        // the expert opens the link and gives a reasoned opinion
        signIn(expertEmail);
        open("/avis?jeton=" + link.group(1));
        assertThat(main()).contains("Ce broyeur suffit-il", "Un broyeur partagé", "Broyeur");
        assertAccessibleOnDesktopAndPhone("pass-expert");
        driver.findElement(By.cssSelector("input[name='verdict'][value='FAVOURABLE']"))
                .click();
        type("opinion", "Oui : 15 kW suffisent à trois jardins ; prévoir l’entretien des lames.");
        clickThrough(By.cssSelector("main form button[type='submit']"));
        assertThat(main()).contains("Votre avis est enregistré", "Favorable", "entretien des lames");
        open("/avis");
        assertAccessibleOnDesktopAndPhone("pass-expert-list");

        // the instructor reads it and proposes the acceptance; a signer confirms
        signIn(instructorEmail);
        open("/instruction/dossiers/" + dossier);
        assertThat(main()).contains("Favorable", "entretien des lames");
        // the committee's opinion, a private annotation, is required before the decision
        type("reason", "Projet utile aux jardins, avis d’expert favorable.");
        type("amount", "10 000");
        clickThrough(By.cssSelector("button[formaction$='/propose_acceptance']"));
        assertThat(driver.findElement(By.cssSelector(".notice-error")).getText())
                .contains("annotations obligatoires");
        new Select(driver.findElement(By.id("note-avisComite"))).selectByVisibleText("Favorable");
        type("note-note", "16,5");
        clickThrough(By.cssSelector("form[action$='/annotations'] button[type='submit']"));
        assertThat(main()).contains("Annotations enregistrées.");
        // and a word to the applicant in the dossier's thread
        type("message-body", "Votre dossier passe en comité ; merci pour le devis corrigé.");
        clickThrough(By.cssSelector("form[action$='/messages'] button[type='submit']"));
        assertThat(main()).contains("merci pour le devis corrigé");
        assertAccessibleOnDesktopAndPhone("pass-instruction-thread");
        type("reason", "Projet utile aux jardins, avis d’expert favorable.");
        type("amount", "10 000");
        clickThrough(By.cssSelector("button[formaction$='/propose_acceptance']"));
        assertThat(main()).contains("Décision proposée");
        signIn(signerEmail);
        open("/instruction/dossiers/" + dossier);
        clickThrough(By.cssSelector("button[formaction$='/confirm']"));
        assertThat(main()).contains("Accepté");

        // the applicant downloads the letter; its QR code leads to the page that verifies it
        signIn(applicantEmail);
        open(dossierPath);
        assertThat(main())
                .contains("Accepté", "Lettre de décision", "merci pour le devis corrigé")
                .doesNotContain("16.5", "comité technique");
        // the aid granted: its payments, the advance to request
        // (the award follows the decision's commit)
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            open("/dossiers/aides");
            return main().contains("Je signe la convention");
        });
        assertThat(main()).contains("Avance (30 %)", "Convention CONV-").doesNotContain("Demander le versement");
        clickThrough(By.cssSelector("form[action$='/signer'] button"));
        assertThat(main()).contains("Convention signée", "Demander le versement");
        assertAccessibleOnDesktopAndPhone("awards-mine");
        open(dossierPath);
        var letter = download(dossierPath + "/decision.pdf");
        assertThat(letter.statusCode()).isEqualTo(200);
        String verification = qrCode(letter.body());
        assertThat(verification).matches("https?://.+/verifier/[A-Z2-7]{16}");
        driver.manage().deleteAllCookies();
        open(URI.create(verification).getPath());
        assertThat(main()).contains("authentique", "10 000 €", "Projet utile aux jardins", structureName);
        assertAccessibleOnDesktopAndPhone("pass-verified");
    }
}
