/**
 * Awards: an aid granted through a call, followed from its decision to its last payment — its payment
 * schedule (an advance, tranches, the balance on the final report), each payment requested by the
 * beneficiary with its evidence, checked by an instructor, then validated by the finance (two persons),
 * and exported for the finance system. It keeps its own copy of the aid, from the calls' {@code
 * AidAccepted} event.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Aides accordées",
        allowedDependencies = {"shared", "calls", "identity", "notification"})
package fr.essor.awards;
