package fr.essor.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where French spacing makes a space unbreakable, and where the text stays exactly as written. */
class FrenchTypographyTests {

    private static String spaced(String text) {
        return FrenchTypography.spaced(text).replace('\u00a0', '~');
    }

    @Test
    void theHighPunctuationGuillemetsAndUnitsKeepTheirWord() {
        assertThat(spaced("Adresse : 2 rue ; entrée libre ! Des questions ?"))
                .isEqualTo("Adresse~: 2 rue~; entrée libre~! Des questions~?");
        assertThat(spaced("le « Mois de l’ESS » en novembre")).isEqualTo("le «~Mois de l’ESS~» en novembre");
        assertThat(spaced("10 % des emplois, 5 € l’entrée, 3 € : 2 %"))
                .isEqualTo("10~% des emplois, 5~€ l’entrée, 3~€~: 2~%");
        // the space at the start of a text follows an element: « <strong>Annulé</strong> : »
        assertThat(spaced(" : reporté")).isEqualTo("~: reporté");
    }

    @Test
    void otherSpacesStayAsTheyWere() {
        String text = "Rien à changer ici, ni là: 12:30, https://essor.example/agenda?q=a%20b et 100%.";
        assertThat(FrenchTypography.spaced(text)).isSameAs(text);
        // a colon at the start of a line is the source's indentation, not a word's colon
        assertThat(spaced("Adresse\n    : 2 rue")).isEqualTo("Adresse\n    : 2 rue");
        assertThat(spaced("le % et l’€ seuls")).isEqualTo("le % et l’€ seuls");
        assertThat(spaced("")).isEmpty();
        // a text spaced already (a card rendered once, then inserted whole in each list) is given back as it is
        String once = FrenchTypography.spaced("<p>Adresse : 2 rue ; « oui » !</p>");
        assertThat(FrenchTypography.spaced(once)).isSameAs(once);
    }

    @Test
    void aPageSpacedInPlaceIsSpacedAsAText() {
        String page =
                "<title>Agenda : Hérault</title><p>« Oui » : 10 % ; <code>a ? b</code> <a title=\"x : y\">Où ?</a>"
                        + "<TEXTAREA>Tel : 01</TEXTAREA> 5 € !</p>";
        StringBuilder inPlace = new StringBuilder(page);
        FrenchTypography.spaceInPlace(inPlace);
        assertThat(inPlace.toString()).isEqualTo(FrenchTypography.spaced(page)).isNotEqualTo(page);
    }

    @Test
    void aMailsTextHasNoMarkup() {
        assertThat(FrenchTypography.spacedPlain("Motif : <code> a : b ; « c »").replace('\u00a0', '~'))
                .isEqualTo("Motif~: <code> a~: b~; «~c~»");
    }

    @Test
    void markupInTheTextIsLeftAsWritten() {
        assertThat(spaced("<a title=\"Lien : ici\" href=\"/x?a=1 ;\">Lien : ici</a>"))
                .isEqualTo("<a title=\"Lien : ici\" href=\"/x?a=1 ;\">Lien~: ici</a>");
        assertThat(spaced("<option value=\"Adresse :\">Adresse :</option>"))
                .isEqualTo("<option value=\"Adresse :\">Adresse~:</option>");
        assertThat(spaced("<p>Code : <code>a ? b : c</code> ; <PRE class=\"x\">x ! y</PRE> fin !</p>"))
                .isEqualTo("<p>Code~: <code>a ? b : c</code>~; <PRE class=\"x\">x ! y</PRE> fin~!</p>");
        assertThat(spaced("<script>var a = b ? c : d;</script><textarea>Tel : 01</textarea> Oui !"))
                .isEqualTo("<script>var a = b ? c : d;</script><textarea>Tel : 01</textarea> Oui~!");
        assertThat(spaced("<br/> : <img alt=\"a : b\"> ?")).isEqualTo("<br/>~: <img alt=\"a : b\">~?");
        // markup left open: the rest stays as written
        assertThat(spaced("Voir : <code>a : b")).isEqualTo("Voir~: <code>a : b");
        assertThat(spaced("Voir : <a href=\"x : y")).isEqualTo("Voir~: <a href=\"x : y");
    }
}
