package fr.essor.publishing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import fr.essor.agenda.Agenda;
import fr.essor.agenda.AgendaCommands;
import fr.essor.agenda.Event;
import fr.essor.agenda.EventStatus;
import fr.essor.directory.Structure;
import fr.essor.directory.Structures;
import fr.essor.identity.Memberships;
import fr.essor.identity.Person;
import fr.essor.identity.Roles;
import fr.essor.notification.Notifications;
import fr.essor.publishing.moderation.Moderation;
import fr.essor.publishing.moderation.Moderation.Action;
import fr.essor.publishing.moderation.Moderation.Role;
import fr.essor.publishing.moderation.Moderation.State;
import fr.essor.shared.InvalidInput;
import fr.essor.territory.Commune;
import fr.essor.territory.Territories;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Publishing events: organizers write versions for their structures and submit them; moderators of
 * the event's territory approve them (the version becomes the public event, or replaces it), ask for
 * changes or refuse. Every method checks who acts: an organizer reaches only their structures'
 * versions, a moderator only their territory's; anything else is answered as if it did not exist.
 * Every move is logged and told by mail to the structure's members.
 */
@Service
public class Publishing {

    private static final Logger LOG = LoggerFactory.getLogger(Publishing.class);
    static final int MAX_MESSAGE = 2000;

    private final SubmissionRepository submissions;
    private final Agenda events;
    private final AgendaCommands agenda;
    private final DraftRules rules;
    private final Memberships memberships;
    private final Structures structures;
    private final Territories territories;
    private final Notifications notifications;
    private final Roles roles;
    private final Clock clock;

    Publishing(
            SubmissionRepository submissions,
            Agenda events,
            AgendaCommands agenda,
            DraftRules rules,
            Memberships memberships,
            Structures structures,
            Territories territories,
            Notifications notifications,
            Roles roles,
            Clock clock) {
        this.submissions = submissions;
        this.events = events;
        this.agenda = agenda;
        this.rules = rules;
        this.memberships = memberships;
        this.structures = structures;
        this.territories = territories;
        this.notifications = notifications;
        this.roles = roles;
        this.clock = clock;
    }

    /** What nobody may see, or what this person may not see: the same answer. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    static class NotFound extends RuntimeException {

        NotFound() {
            super("not found", null, false, false);
        }
    }

    // ---- organizers

    /** The latest version of each event of the person's structures. */
    List<Submission> mine(Person person) {
        return submissions.latestOf(memberships.structuresOf(person.id()));
    }

    Submission asOrganizer(Person person, long id) {
        Submission s = submissions.find(id).orElseThrow(NotFound::new);
        if (s.structureId() == null || !memberships.isMember(person.id(), s.structureId())) {
            throw new NotFound();
        }
        return s;
    }

    /**
     * Creates a draft for one of the person's structures.
     *
     * @throws InvalidInput on any rejected field, or {@code structureId} when the person does not act
     *     for that structure
     */
    @Transactional
    long create(Person person, Long structureId, EventDraft draft) {
        Structure structure = ownStructure(person, structureId);
        var checked = rules.check(draft, structure.name());
        var placement = placement(checked, draft, structure);
        long id = submissions.insert(
                null, structure.id(), checked.edition().id(), State.DRAFT, draft, placement, false, person.id(), now());
        submissions.log(id, null, "CREATE", null, "ORGANIZER", person.id(), person.displayName(), null, now());
        return id;
    }

    /** Saves a draft, or a version sent back for changes. */
    @Transactional
    void save(Person person, long id, EventDraft draft) {
        Submission s = asOrganizer(person, id);
        if (!Moderation.editable(s.state())) {
            throw new InvalidInput("state", "moderation.error.transition");
        }
        Structure structure = structures.find(s.structureId()).orElseThrow(NotFound::new);
        var checked = rules.check(draft, structure.name());
        if (!submissions.updateContent(
                id, s.state(), draft, checked.edition().id(), placement(checked, draft, structure), now())) {
            throw new InvalidInput("state", "moderation.error.transition");
        }
    }

    /** A new draft with the same content, to publish a similar event. */
    @Transactional
    long duplicate(Person person, long id) {
        Submission s = asOrganizer(person, id);
        String title = s.draft().title().length() > 140
                ? s.draft().title().substring(0, 140)
                : s.draft().title();
        EventDraft copy = s.draft().withTitle(title + " (copie)");
        long copyId = submissions.insert(
                null,
                s.structureId(),
                s.editionId(),
                State.DRAFT,
                copy,
                new SubmissionRepository.Placement(
                        s.firstStart(), s.communeCode(), s.departementCode(), s.regionCode()),
                false,
                person.id(),
                now());
        submissions.log(
                copyId,
                null,
                "DUPLICATE",
                null,
                "ORGANIZER",
                person.id(),
                person.displayName(),
                "Copie de la version " + id,
                now());
        return copyId;
    }

    /** Sends a draft to the moderators of its territory. */
    @Transactional
    void submit(Person person, long id) {
        Submission s = asOrganizer(person, id);
        Structure structure = structures.find(s.structureId()).orElseThrow(NotFound::new);
        rules.check(s.draft(), structure.name()); // the edition may have closed since the draft was saved
        Moderation.Transition t = move(s, Action.SUBMIT, Role.ORGANIZER, person, null);
        tellStructure(s, "publishing-received", Map.of("title", s.title()));
        for (String moderator : roles.moderatorEmails(s.regionCode(), s.departementCode())) {
            notifications.send(moderator, "publishing-to-moderate", Map.of("title", s.title(), "versionId", s.id()));
        }
        LOG.info("version {} submitted by account {} ({})", id, person.id(), t.to());
    }

    @Transactional
    void withdraw(Person person, long id) {
        Submission s = asOrganizer(person, id);
        move(s, Action.WITHDRAW, Role.ORGANIZER, person, null);
    }

    /** A message of the organizer to the moderators, about a version. */
    @Transactional
    void reply(Person person, long id, String body) {
        Submission s = asOrganizer(person, id);
        submissions.message(s.id(), person.id(), person.displayName(), "ORGANIZER", message(body, "body"), now());
    }

    /**
     * The version in progress of a published event, made from the public one when there is none: the
     * public event stays as it is until this version is approved.
     */
    @Transactional
    long revise(Person person, long eventId) {
        Long structureId = events.structureOf(eventId).orElseThrow(NotFound::new);
        if (!memberships.isMember(person.id(), structureId)) {
            throw new NotFound();
        }
        Optional<Submission> open = submissions.openVersionOf(eventId);
        if (open.isPresent()) {
            return open.get().id();
        }
        Event event = events.event(eventId).orElseThrow(NotFound::new);
        Optional<Submission> approved = submissions.lastApproved(eventId);
        EventDraft draft =
                approved.map(Submission::draft).orElseGet(() -> EventDraft.of(event, imageId(event.imageUrl())));
        // the territory of the public version: for an event online, its structure's, kept on that version
        SubmissionRepository.Placement placement = approved.map(a -> new SubmissionRepository.Placement(
                        a.firstStart(), a.communeCode(), a.departementCode(), a.regionCode()))
                .orElseGet(() -> placementOfEvent(event, structureId));
        Optional<Long> created = submissions.insertUnlessOpen(
                eventId, structureId, event.editionId(), draft, placement, person.id(), now());
        if (created.isEmpty()) {
            // another member opened one at the same moment
            return submissions.openVersionOf(eventId).map(Submission::id).orElseThrow(NotFound::new);
        }
        long id = created.get();
        submissions.log(id, eventId, "REVISE", null, "ORGANIZER", person.id(), person.displayName(), null, now());
        return id;
    }

    /**
     * Cancels or postpones a published event (or schedules it again), with a reason shown to the
     * public and in calendars. Takes effect at once: it is a fact, not a change to moderate.
     *
     * @throws InvalidInput on {@code reason} when missing or too long
     */
    @Transactional
    void changeStatus(Person person, long eventId, EventStatus status, String reason) {
        Long structureId = events.structureOf(eventId).orElseThrow(NotFound::new);
        if (!memberships.isMember(person.id(), structureId)) {
            throw new NotFound();
        }
        String text = reason == null ? "" : reason.strip();
        if (status != EventStatus.SCHEDULED && (text.length() < 5 || text.length() > 500)) {
            throw new InvalidInput("reason", "publishing.error.reason");
        }
        if (status == EventStatus.FULL) {
            throw new InvalidInput("status", "publishing.error.status");
        }
        Event event = agenda.changeStatus(eventId, status, text.isEmpty() ? null : text)
                .orElseThrow(NotFound::new);
        // the territory whose moderators follow the event: its approved version's (an event online takes its
        // structure's)
        Optional<Submission> approved = submissions.lastApproved(eventId);
        submissions.logEvent(
                eventId,
                event.title(),
                approved.map(Submission::regionCode).orElse(event.venue().regionCode()),
                approved.map(Submission::departementCode).orElse(event.venue().departementCode()),
                "STATUS_" + status.name(),
                "ORGANIZER",
                person.id(),
                person.displayName(),
                text.isEmpty() ? null : text,
                now());
        Map<String, Object> told =
                new HashMap<>(Map.of("title", event.title(), "status", status.name(), "eventId", eventId));
        told.put("reason", text.isEmpty() ? null : text);
        for (String to : memberships.memberEmails(structureId)) {
            notifications.send(to, "publishing-status-changed", told);
        }
    }

    // ---- moderators

    /** The versions of the moderator's territory in a state (submitted by default); never drafts. */
    List<Submission> queue(Person person, Long editionId, String departement, State state, Integer olderThanDays) {
        return submissions.queue(
                new SubmissionRepository.QueueFilter(
                        person.regions(), person.departements(), editionId, departement, state, olderThanDays),
                now());
    }

    /** A version of the moderator's territory that its organizer has sent at least once (drafts stay private). */
    Submission asModerator(Person person, long id) {
        Submission s = submissions.find(id).orElseThrow(NotFound::new);
        if (!person.moderates(s.regionCode(), s.departementCode()) || s.submittedAt() == null) {
            throw new NotFound();
        }
        return s;
    }

    /** Approves a version: it becomes the public event, or replaces what the public event said. */
    @Transactional
    void approve(Person person, long id) {
        approve(person, id, null);
    }

    /**
     * Approves a version as the moderator saw it.
     *
     * @param seen when the version the moderator read was last changed; a version changed since is not
     *     decided on ({@code null}: as it is now)
     */
    @Transactional
    void approve(Person person, long id, Instant seen) {
        Submission s = unchangedSince(asModerator(person, id), seen);
        if (s.structureId() != null && memberships.isMember(person.id(), s.structureId())) {
            // no one approves their own structure's event: another moderator of the territory does
            throw new Moderation.IllegalTransition(
                    "moderation.error.ownStructure", "version " + s.id() + " belongs to the moderator's structure");
        }
        String organizer = s.structureId() == null
                ? s.draft().organizer()
                : structures
                        .find(s.structureId())
                        .map(Structure::name)
                        .orElse(s.draft().organizer());
        var checked = rules.check(s.draft(), organizer);
        move(s, Action.APPROVE, Role.MODERATOR, person, null);
        long eventId;
        if (s.eventId() == null) {
            eventId = agenda.publish(checked.event(), s.structureId());
            submissions.linkEvent(s.id(), eventId);
        } else {
            eventId = s.eventId();
            agenda.revise(eventId, checked.event());
        }
        tellStructure(s, "publishing-approved", Map.of("title", s.title(), "eventId", eventId));
    }

    @Transactional
    void requestChanges(Person person, long id, String message) {
        requestChanges(person, id, message, null);
    }

    @Transactional
    void requestChanges(Person person, long id, String message, Instant seen) {
        Submission s = unchangedSince(asModerator(person, id), seen);
        Moderation.Transition t = move(s, Action.REQUEST_CHANGES, Role.MODERATOR, person, message);
        tellStructure(
                s,
                "publishing-changes-requested",
                Map.of("title", s.title(), "message", t.message(), "versionId", s.id()));
    }

    @Transactional
    void refuse(Person person, long id, String reason, Instant seen) {
        Submission s = unchangedSince(asModerator(person, id), seen);
        Moderation.Transition t = move(s, Action.REFUSE, Role.MODERATOR, person, reason);
        tellStructure(
                s,
                "publishing-refused",
                Map.of("title", s.title(), "reason", t.message(), "alreadyPublished", s.eventId() != null));
    }

    /** Approves each version that can be; returns how many were. */
    int approveAll(Person person, List<Long> ids, java.util.function.LongConsumer oneByOne) {
        int approved = 0;
        for (long id : ids.stream().distinct().limit(200).toList()) {
            try {
                oneByOne.accept(id);
                approved++;
            } catch (NotFound | InvalidInput | Moderation.IllegalTransition ex) {
                LOG.info("bulk approval skipped version {}: {}", id, ex.getMessage());
            }
        }
        return approved;
    }

    /** A field that differs between the public version and this one. */
    record Change(String field, String before, String after) {}

    /** What this version changes in the public one (empty for a first version). */
    List<Change> changes(Submission s) {
        if (s.eventId() == null) {
            return List.of();
        }
        Optional<EventDraft> before = submissions
                .lastApproved(s.eventId())
                .map(Submission::draft)
                .or(() -> events.event(s.eventId()).map(e -> EventDraft.of(e, imageId(e.imageUrl()))));
        if (before.isEmpty()) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        var b = before.get();
        var a = s.draft();
        compare(changes, "title", b.title(), a.title());
        compare(changes, "summary", b.summary(), a.summary());
        compare(changes, "description", b.description(), a.description());
        compare(changes, "type", b.type(), a.type());
        compare(changes, "themes", String.join(", ", b.themes()), String.join(", ", a.themes()));
        compare(changes, "audiences", String.join(", ", b.audiences()), String.join(", ", a.audiences()));
        compare(changes, "dates", dates(b), dates(a));
        compare(changes, "venueName", b.venueName(), a.venueName());
        compare(changes, "venueAddress", b.venueAddress(), a.venueAddress());
        compare(changes, "commune", b.commune(), a.commune());
        compare(changes, "attendance", b.attendance(), a.attendance());
        compare(changes, "onlineUrl", b.onlineUrl(), a.onlineUrl());
        compare(changes, "price", b.isFree() ? "gratuit" : b.price(), a.isFree() ? "gratuit" : a.price());
        compare(
                changes,
                "registration",
                b.registration() + " " + b.registrationUrl(),
                a.registration() + " " + a.registrationUrl());
        compare(changes, "accessibility", String.join(", ", b.accessibility()), String.join(", ", a.accessibility()));
        compare(changes, "coOrganizers", b.coOrganizers(), a.coOrganizers());
        compare(changes, "image", b.imageId() + " " + b.imageAlt(), a.imageId() + " " + a.imageAlt());
        return changes;
    }

    /** Public events and versions under moderation that look like this version, the most alike first. */
    List<SubmissionRepository.Duplicate> duplicates(Submission s) {
        if (s.communeCode() == null) {
            return List.of();
        }
        List<SubmissionRepository.Duplicate> all = new ArrayList<>();
        events.lookalikes(s.title(), s.communeCode(), s.firstStart(), s.eventId())
                .forEach(e ->
                        all.add(new SubmissionRepository.Duplicate("event", e.eventId(), e.title(), e.similarity())));
        all.addAll(submissions.duplicates(s));
        all.sort(java.util.Comparator.comparingDouble(SubmissionRepository.Duplicate::similarity)
                .reversed());
        return all.stream().limit(5).toList();
    }

    List<Submission.Entry> history(Submission s) {
        return submissions.history(s);
    }

    List<SubmissionRepository.AuditLine> audit(Person person) {
        return submissions.audit(person.regions(), person.departements(), 300);
    }

    List<String> refusalReasons() {
        return submissions.refusalReasons();
    }

    // ---- shared

    private static Submission unchangedSince(Submission s, Instant seen) {
        if (seen != null && !seen.equals(s.updatedAt())) {
            throw new Moderation.IllegalTransition(
                    "moderation.error.stale", "version " + s.id() + " changed since it was read");
        }
        return s;
    }

    private Moderation.Transition move(Submission s, Action action, Role role, Person person, String message) {
        Moderation.Transition t = Moderation.apply(s.state(), action, role, person.id(), message, now());
        if (!submissions.move(s.id(), t.from(), s.updatedAt(), t.to(), now())) {
            // someone else moved it meanwhile
            throw new Moderation.IllegalTransition(
                    "moderation.error.transition", "version " + s.id() + " moved meanwhile");
        }
        submissions.log(
                s.id(),
                s.eventId(),
                action.name(),
                t,
                role.name(),
                person.id(),
                person.displayName(),
                t.message(),
                now());
        if (t.message() != null) {
            submissions.message(s.id(), person.id(), person.displayName(), role.name(), t.message(), now());
        }
        return t;
    }

    private Structure ownStructure(Person person, Long structureId) {
        if (structureId == null || !memberships.isMember(person.id(), structureId)) {
            throw new InvalidInput("structureId", "publishing.error.structure");
        }
        return structures
                .find(structureId)
                .orElseThrow(() -> new InvalidInput("structureId", "publishing.error.structure"));
    }

    /** Where a version takes place, to route it to its moderators: its commune, or its structure's for an event online. */
    SubmissionRepository.Placement placement(DraftRules.Checked checked, EventDraft draft, Structure structure) {
        Optional<Commune> commune = checked.commune()
                .or(() -> draft.commune().isEmpty() ? Optional.empty() : territories.place(draft.commune()))
                .or(() -> structure == null ? Optional.empty() : territories.commune(structure.communeCode()));
        if (commune.isEmpty()) {
            throw new InvalidInput("commune", "draft.error.commune");
        }
        Instant first = checked.event().occurrences().getFirst().startsAt();
        return new SubmissionRepository.Placement(
                first,
                commune.get().code(),
                commune.get().departement(),
                commune.get().region());
    }

    /** Mails the members of the version's structure (an imported version has none). */
    private void tellStructure(Submission s, String template, Map<String, ?> variables) {
        if (s.structureId() == null) {
            return;
        }
        for (String to : memberships.memberEmails(s.structureId())) {
            notifications.send(to, template, variables);
        }
    }

    static String message(String body, String field) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > MAX_MESSAGE) {
            throw new InvalidInput(field, "publishing.error.message");
        }
        return text;
    }

    private static void compare(List<Change> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(field, before, after));
        }
    }

    private static String dates(EventDraft d) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < d.dateDay().size(); i++) {
            if (!d.at(d.dateDay(), i).isEmpty()) {
                lines.add(d.at(d.dateDay(), i) + " " + d.at(d.dateStart(), i) + "–" + d.at(d.dateEnd(), i));
            }
        }
        return String.join("\n", lines);
    }

    private SubmissionRepository.Placement placementOfEvent(Event event, long structureId) {
        Instant first = event.firstOccurrence().startsAt().toInstant();
        if (event.venue().communeCode() != null) {
            return new SubmissionRepository.Placement(
                    first,
                    event.venue().communeCode(),
                    event.venue().departementCode(),
                    event.venue().regionCode());
        }
        Commune commune = structures
                .find(structureId)
                .flatMap(st -> territories.commune(st.communeCode()))
                .orElseThrow(NotFound::new);
        return new SubmissionRepository.Placement(first, commune.code(), commune.departement(), commune.region());
    }

    static String imageId(String imageUrl) {
        return imageUrl != null && imageUrl.startsWith("/images/") ? imageUrl.substring("/images/".length()) : "";
    }

    private Instant now() {
        return clock.instant();
    }
}
