package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The calls' public pages in a real browser: from the list to a programme, axe-core at both widths. */
class CallsBrowserTests extends BrowserTestSupport {

    @BeforeEach
    void setUp() {
        desktop();
        driver.manage().deleteAllCookies();
    }

    @Test
    void aVisitorFindsAnOpenCallAndReadsWhatItAsksAndUntilWhen() {
        open("/");
        clickThrough(By.linkText("Appels"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Appels à projets et à candidatures");
        assertThat(driver.findElement(By.id("open")).getText()).isEqualTo("Appels ouverts");
        assertAccessibleOnDesktopAndPhone("calls-list");

        desktop();
        clickThrough(By.linkText("Pass Occitanie"));
        assertThat(driver.getTitle()).startsWith("Pass Occitanie");
        String text = driver.findElement(By.tagName("main")).getText().replace('\u202f', ' ');
        assertThat(text).contains("Ouvert", "Clôture", "(heure de Paris)", "50 000 €", "Budget prévisionnel");
        assertAccessibleOnDesktopAndPhone("calls-programme");

        open("/appels/alter-incub-selection");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Cet appel est clos");
        assertAccessibleOnDesktopAndPhone("calls-programme-closed");
    }
}
