package fr.essor.juries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import fr.essor.calls.Programmes;
import fr.essor.calls.Staff;
import fr.essor.notification.Notifications;
import fr.essor.shared.EmailAddresses;
import fr.essor.shared.InvalidInput;
import fr.essor.shared.Tokens;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A seat on a jury offered by mail to an address without an account: the first signed-in person whose
 * account has that address and who opens the link within 14 days sits on the category's jury (and, like
 * every juror, sets up the second factor before reading a dossier).
 */
@Service
public class JurorInvitations {

    static final int DAYS = 14;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Juries juries;
    private final Staff staff;
    private final Programmes programmes;
    private final Notifications notifications;
    private final String publicUrl;

    JurorInvitations(
            JdbcClient jdbc,
            Clock clock,
            Juries juries,
            Staff staff,
            Programmes programmes,
            Notifications notifications,
            @Value("${essor.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.juries = juries;
        this.staff = staff;
        this.programmes = programmes;
        this.notifications = notifications;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Mails an invitation to sit on the category's jury; an open one to the same address is not sent again. */
    @Transactional
    public void invite(long categoryId, long managerId, boolean admin, String email) {
        Juries.Category c = juries.category(categoryId).orElseThrow(() -> new Juries.Refused("juries.error.unknown"));
        if (!staff.mayManage(managerId, admin, c.programmeId())) {
            throw new Juries.Refused("juries.error.notManager");
        }
        String address = email == null ? "" : email.strip();
        if (address.length() > 254 || !EmailAddresses.valid(address)) {
            throw new InvalidInput("email", "juries.error.email");
        }
        Instant now = clock.instant();
        boolean open = jdbc.sql(
                        "select exists (select 1 from juries.invitation where category_id = ? and lower(email) = lower(?) "
                                + "and accepted_at is null and expires_at > ?)")
                .params(categoryId, address, Timestamp.from(now))
                .query(Boolean.class)
                .single();
        if (open) {
            return;
        }
        String token = Tokens.random();
        jdbc.sql(
                        "insert into juries.invitation (category_id, email, token_hash, invited_by, expires_at) values (?, ?, ?, ?, ?)")
                .params(
                        categoryId,
                        address,
                        Tokens.hash(token),
                        managerId,
                        Timestamp.from(now.plus(Duration.ofDays(DAYS))))
                .update();
        notifications.send(
                address,
                "juries-invitation",
                Map.of(
                        "programme",
                        programmes.byId(c.programmeId()).map(p -> p.name()).orElse(""),
                        "category",
                        c.name(),
                        "days",
                        DAYS,
                        "baseUrl",
                        publicUrl,
                        "token",
                        token));
    }

    /** Seats the signed-in person of the invited address; the category's id, or empty. */
    @Transactional
    public Optional<Long> accept(String token, long accountId, String accountEmail) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Found(long id, long categoryId, String email) {}
        Optional<Found> found = jdbc.sql("select id, category_id, email from juries.invitation where token_hash = ? "
                        + "and accepted_at is null and expires_at > ? for update")
                .params(Tokens.hash(token), Timestamp.from(now))
                .query((rs, n) -> new Found(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .optional();
        if (found.isEmpty()
                || accountEmail == null
                || !accountEmail.strip().equalsIgnoreCase(found.get().email())) {
            return Optional.empty();
        }
        jdbc.sql("update juries.invitation set accepted_at = ? where id = ?")
                .params(Timestamp.from(now), found.get().id())
                .update();
        jdbc.sql("insert into juries.juror (category_id, account_id) values (?, ?) on conflict do nothing")
                .params(found.get().categoryId(), accountId)
                .update();
        return Optional.of(found.get().categoryId());
    }
}
