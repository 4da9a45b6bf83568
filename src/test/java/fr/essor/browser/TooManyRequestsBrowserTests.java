package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.essor.limits.Limit;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.TestPropertySource;

/** The French "too many requests" page a form shows past its limit: readable, accessible, on a phone too. */
@TestPropertySource(properties = "essor.limits.enabled=true")
class TooManyRequestsBrowserTests extends BrowserTestSupport {

    /** Sends the password-reset form; returns the page's main heading. */
    private String askReset(int i) {
        open("/compte/mot-de-passe-oublie");
        driver.findElement(By.id("email")).sendKeys("oubli-" + i + "-" + System.nanoTime() + "@example.org");
        // the answer is another page: read its heading once the form's page is gone
        clickThrough(By.cssSelector("main form button[type=submit]"));
        return driver.findElement(By.tagName("h1")).getText();
    }

    @Test
    void aFormPastItsLimitShowsAFrenchPageThatSaysWhenToComeBack() {
        desktop();
        String heading = "";
        for (int i = 0; i <= Limit.PASSWORD_RESET.capacity() + 2 && !heading.equals("Trop de demandes"); i++) {
            heading = askReset(i);
        }
        assertThat(heading).isEqualTo("Trop de demandes");
        assertThat(driver.getTitle()).startsWith("Trop de demandes");
        assertNoAccessibilityViolations();
        screenshot("desktop-too-many-requests");
        phone();
        assertThat(askReset(99)).isEqualTo("Trop de demandes");
        assertNoAccessibilityViolations();
        assertFitsThePhone();
        screenshot("phone-too-many-requests");
        desktop();
    }
}
