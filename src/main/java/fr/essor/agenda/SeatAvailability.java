package fr.essor.agenda;

import java.util.Map;

/**
 * Seats of the dates of an event that takes its registrations on Essor, as the module that counts
 * them knows them (the agenda only shows them). Implemented outside the agenda; absent, the agenda
 * shows no seat count.
 */
public interface SeatAvailability {

    /** Capacity and seats left of one date. */
    record Seats(int capacity, int remaining) {}

    /** The seats of each date of the event, by occurrence id (dates without a capacity are absent). */
    Map<Long, Seats> seats(long eventId);
}
