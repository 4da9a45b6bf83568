package fr.essor.calls;

import java.time.Instant;

/**
 * An aid was granted: a dossier of an aid programme was accepted (in one step or confirmed under four
 * eyes), with its amount. The awards module follows the aid from there to its last payment.
 *
 * @param beneficiaryName the beneficiary as the directory knew it at submission, null for a project leader
 * @param letterNumber the decision letter's number
 * @param object what the aid funds: the dossier's title, or the programme's name when it asks none
 * @param rna the beneficiary's RNA number (W and nine digits) when the dossier gives one, else null
 */
public record AidAccepted(
        long dossierId,
        long programmeId,
        String programmeName,
        String reference,
        long applicantId,
        String beneficiaryName,
        String beneficiarySiret,
        long amountCents,
        Instant decidedAt,
        String letterNumber,
        String object,
        String rna) {}
