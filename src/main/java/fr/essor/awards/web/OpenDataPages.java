package fr.essor.awards.web;

import java.io.IOException;
import jakarta.servlet.http.HttpServletResponse;

import fr.essor.awards.SubsidiesOpenData;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import io.swagger.v3.oas.annotations.Operation;

/** The aids awarded through the calls, as open data in the SCDL « subventions » format. */
@Controller
class OpenDataPages {

    private final SubsidiesOpenData subsidies;

    OpenDataPages(SubsidiesOpenData subsidies) {
        this.subsidies = subsidies;
    }

    @GetMapping("/donnees/subventions.csv")
    @Operation(
            summary = "Subventions attribuées (SCDL subventions 2.1)",
            description =
                    "Une ligne par aide accordée au terme d’un appel : nomAttribuant, idAttribuant, dateConvention, "
                            + "referenceDecision, nomBeneficiaire, idBeneficiaire, rnaBeneficiaire, objet, montant, nature, "
                            + "conditionsVersement, datesPeriodeVersement, idRAE, notificationUE, pourcentageSubvention, "
                            + "dispositifAide. Licence Ouverte 2.0.")
    void csv(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"subventions.csv\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
        subsidies.write(response.getWriter());
    }
}
