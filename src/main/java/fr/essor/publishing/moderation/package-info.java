/** The moderation of events by the CRESS and its territorial relays, before they go public. */
package fr.essor.publishing.moderation;
