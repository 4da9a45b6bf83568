/**
 * Organizers publishing their events and moderators checking them: drafts, versions, the moderation
 * queue of a territory, the audit trail, spreadsheet imports and uploaded images.
 */
package fr.essor.agenda.publishing;
