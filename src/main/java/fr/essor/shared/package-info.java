/**
 * What every module's forms share: a rejected field with the message key of its reason, and the
 * exception that carries them. Open to every module; holds no state and no table.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Commun",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package fr.essor.shared;
