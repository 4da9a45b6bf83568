package fr.essor.identity;

/**
 * An account was erased at its owner's request (GDPR): what other modules keep under its id (a
 * programme, a name in an audit trail) is to be erased or made anonymous.
 */
public record AccountErased(long accountId) {}
