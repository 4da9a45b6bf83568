package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.essor.EssorApplication;
import fr.essor.agenda.AccessibilityFeature;
import fr.essor.agenda.AgendaFixtures;
import fr.essor.agenda.Attendance;
import fr.essor.agenda.Audience;
import fr.essor.agenda.EventStatus;
import fr.essor.agenda.EventType;
import fr.essor.agenda.NewEvent;
import fr.essor.agenda.RegistrationMode;
import fr.essor.agenda.Theme;
import fr.essor.agenda.Venue;
import fr.essor.agenda.store.EventRepository;
import fr.essor.directory.LegalFamily;
import fr.essor.directory.Structures;
import fr.essor.directory.TestSirets;
import fr.essor.identity.IdentityFixtures;
import fr.essor.identity.Memberships;
import fr.essor.notification.Notifications;
import fr.essor.registration.Offers;
import fr.essor.registration.Registrations;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In a real browser at a phone's size: a visitor registers to an event, confirms from the mail, sees
 * the registration; the organizer checks them in at the door. axe-core checks every page.
 */
class RegistrationBrowserTests extends BrowserTestSupport {

    @Autowired
    AgendaFixtures agendaFixtures;

    @Autowired
    EventRepository events;

    @Autowired
    Registrations registrations;

    @Autowired
    Offers offers;

    @Autowired
    Structures structures;

    @Autowired
    Memberships memberships;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    /**
     * Waits for a condition, tried again when the page changes under it: read while the next page replaces it, an
     * element's text fails with « node does not belong to the document » rather than a stale element.
     */
    private WebDriverWait waiting() {
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class);
    }

    @Test
    void aVisitorRegistersAndTheOrganizerChecksThemInOnAPhone() {
        agendaFixtures.ensure();
        String s = Long.toString(System.nanoTime(), 36);
        IdentityFixtures ids = new IdentityFixtures(jdbc);
        long account = ids.organizer("porte-" + s + "@example.org");
        var structure = structures.register(new Structures.Registration(
                "Ressourcerie " + s, TestSirets.next(), LegalFamily.ASSOCIATION, "34172", null));
        memberships.join(account, structure.id());
        long edition = jdbc.sql("select id from agenda.edition where year = 2031")
                .query(Long.class)
                .single();
        Instant start = LocalDateTime.of(2031, 11, 20, 14, 0)
                .atZone(EssorApplication.ZONE)
                .toInstant();
        long event = events.insertEvent(
                new NewEvent(
                        edition,
                        "Visite de la ressourcerie " + s,
                        "Une visite guidée des ateliers de réemploi.",
                        "",
                        EventType.VISITE,
                        List.of(Theme.ECONOMIE_CIRCULAIRE),
                        List.of(Audience.GRAND_PUBLIC),
                        List.of(new NewEvent.Dates(start, start.plusSeconds(5400))),
                        new Venue("Ressourcerie", null, "34000", "34172", "Montpellier", "34", "76", 43.61, 3.87),
                        Attendance.IN_PERSON,
                        null,
                        true,
                        null,
                        RegistrationMode.ESSOR,
                        null,
                        EnumSet.noneOf(AccessibilityFeature.class),
                        "Ressourcerie " + s,
                        List.of(),
                        EventStatus.SCHEDULED,
                        null,
                        null,
                        null,
                        false),
                Instant.now());
        events.assignStructure(event, structure.id());
        long date = jdbc.sql("select id from agenda.occurrence where event_id = ?")
                .param(event)
                .query(Long.class)
                .single();
        offers.offer(event, 2, true, List.of(new Offers.DateCapacity(date, 12)));

        phone();
        driver.manage().deleteAllCookies();
        open("/evenements/" + event);
        driver.findElement(By.linkText("S’inscrire sur Essor")).click();
        waiting().until(ExpectedConditions.urlContains("/inscription"));
        assertAccessibleOnDesktopAndPhone("registration-form");
        phone();
        driver.findElement(By.id("name")).sendKeys("Dominique Visiteuse");
        driver.findElement(By.id("email")).sendKeys("visiteuse-" + s + "@example.org");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
        assertThat(driver.findElement(By.id("form-errors")).getText()).contains("Cochez la case");
        driver.findElement(By.id("consent")).click();
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/inscription/envoyee"));
        assertAccessibleOnDesktopAndPhone("registration-sent");

        var mail = notifications.localMailbox(300).stream()
                .filter(m -> m.to().equals("visiteuse-" + s + "@example.org"))
                .findFirst()
                .orElseThrow();
        Matcher confirm = Pattern.compile("/inscriptions/confirmer\\?jeton=[A-Za-z0-9_-]+")
                .matcher(mail.body());
        Matcher manage = Pattern.compile("/inscriptions/[0-9a-f-]{36}\\?jeton=[A-Za-z0-9_-]+")
                .matcher(mail.body());
        assertThat(confirm.find()).isTrue();
        assertThat(manage.find()).isTrue();
        open(confirm.group());
        assertAccessibleOnDesktopAndPhone("registration-confirm");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Inscription confirmée"));
        open(manage.group());
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Inscription confirmée.");
        assertAccessibleOnDesktopAndPhone("registration-show");
        open("/confidentialite");
        assertAccessibleOnDesktopAndPhone("privacy");

        // at the door, on a phone
        driver.manage().deleteAllCookies();
        open("/connexion");
        driver.findElement(By.id("email")).sendKeys("porte-" + s + "@example.org");
        driver.findElement(By.id("password")).sendKeys(IdentityFixtures.PASSWORD);
        driver.findElement(By.cssSelector("form[action$='/connexion'] button")).click();
        waiting().until(ExpectedConditions.urlContains("/organisateur"));
        open("/organisateur/evenements/" + event + "/inscriptions");
        assertAccessibleOnDesktopAndPhone("registration-overview");
        open("/organisateur/dates/" + date + "/inscrits");
        assertAccessibleOnDesktopAndPhone("registration-attendees");
        phone();
        open("/organisateur/dates/" + date + "/accueil");
        assertThat(driver.findElement(By.cssSelector(".checkin-count")).getText())
                .isEqualTo("0 présent sur 1 inscrit confirmé");
        driver.findElement(By.id("q")).sendKeys("domi");
        driver.findElement(By.cssSelector("form[role=search] button")).click();
        // the search loads a new page: wait for it before looking for its buttons (seen failing once in CI)
        waiting().until(ExpectedConditions.urlContains("q=domi"));
        waiting()
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".checkin-list li button")))
                .click();
        waiting()
                .until(ExpectedConditions.textToBe(
                        By.cssSelector(".checkin-count"), "1 présent sur 1 inscrit confirmé"));
        assertThat(driver.findElement(By.cssSelector(".checkin-list li")).getAttribute("class"))
                .contains("is-present");
        assertAccessibleOnDesktopAndPhone("registration-checkin");

        // the organizer cancels the event from its approved version's page: the visitor is told once
        long version = jdbc.sql("""
                        insert into publishing.submission (event_id, structure_id, edition_id, state, content, title,
                            first_start, commune_code, departement_code, region_code, created_by, created_at, updated_at,
                            submitted_at, decided_at)
                        values (?, ?, ?, 'APPROVED', ?::jsonb, ?, ?, '34172', '34', '76', ?, now(), now(), now(), now())
                        returning id""")
                .params(
                        event,
                        structure.id(),
                        edition,
                        approvedDraft(edition, "Visite de la ressourcerie " + s),
                        "Visite de la ressourcerie " + s,
                        start.atOffset(java.time.ZoneOffset.UTC),
                        account)
                .query(Long.class)
                .single();
        desktop();
        open("/organisateur/versions/" + version);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("status"))).selectByValue("CANCELLED");
        driver.findElement(By.id("reason")).sendKeys("La ressourcerie ferme pour travaux.");
        driver.findElement(By.cssSelector("form[action$='/statut'] button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Annulé"));
        String visitor = "visiteuse-" + s + "@example.org";
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(notifications.localMailbox(500).stream()
                                .filter(m ->
                                        m.to().equals(visitor) && m.subject().startsWith("Événement annulé")))
                        .singleElement()
                        .satisfies(m -> assertThat(m.body()).contains("La ressourcerie ferme pour travaux.")));
        open("/organisateur/evenements/" + event + "/inscriptions");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Événement annulé le");
        assertAccessibleOnDesktopAndPhone("registration-overview-cancelled");
        open("/organisateur/dates/" + date + "/inscrits");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Les inscrits ont été prévenus par courriel");
        assertAccessibleOnDesktopAndPhone("registration-attendees-cancelled");
        open("/demo/courriels");
        assertThat(driver.findElement(By.tagName("main")).getText())
                .contains("Événement annulé : Visite de la ressourcerie " + s);
    }

    /** What the organizer's approved version of the test event says, as the event form saves it. */
    private static String approvedDraft(long edition, String title) {
        return """
                {"editionId": "%d", "title": "%s", "summary": "Une visite guidée des ateliers de réemploi.",
                 "description": "", "type": "VISITE", "themes": ["ECONOMIE_CIRCULAIRE"], "audiences": ["GRAND_PUBLIC"],
                 "dateDay": ["2031-11-20"], "dateStart": ["14:00"], "dateEnd": ["15:30"], "venueName": "Ressourcerie",
                 "venueAddress": "", "commune": "34172", "attendance": "IN_PERSON", "onlineUrl": "", "free": "true",
                 "price": "", "registration": "ESSOR", "registrationUrl": "", "accessibility": [], "coOrganizers": "",
                 "imageId": "", "imageAlt": "", "organizer": ""}""".formatted(edition, title);
    }
}
