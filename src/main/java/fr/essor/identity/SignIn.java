package fr.essor.identity;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in by address and password, then, for moderators and admins, by a one-time code. Attempts are
 * throttled ({@link LoginThrottle}); the session id changes at each step; security events are logged
 * with the account id and the client address, never the password nor the typed address.
 */
@Component
class SignIn implements AuthenticationProvider {

    static final String PENDING = "FACTOR_PENDING";
    static final String USER = "ROLE_USER";
    static final String MODERATOR = "ROLE_MODERATOR";
    static final String ADMIN = "ROLE_ADMIN";
    static final String DEVICE_COOKIE = "essor_appareil";
    private static final Logger SECURITY = LoggerFactory.getLogger("essor.security");

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final TwoFactor twoFactor;
    private final SecurityContextRepository contexts;

    SignIn(Accounts accounts, LoginThrottle throttle, TwoFactor twoFactor, SecurityContextRepository contexts) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.twoFactor = twoFactor;
        this.contexts = contexts;
    }

    /** Where a sign-in attempt comes from. */
    record Details(String address, String deviceToken) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    Details details(HttpServletRequest request) {
        String device = null;
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (DEVICE_COOKIE.equals(c.getName())) {
                    device = c.getValue();
                }
            }
        }
        return new Details(LoginThrottle.addressKey(request.getRemoteAddr()), device);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String email = String.valueOf(attempt.getPrincipal());
        String password =
                attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        Details from = attempt.getDetails() instanceof Details d ? d : new Details("unknown", null);
        Optional<Long> guess = throttle.begin(email, from.address(), from.deviceToken());
        if (guess.isEmpty()) {
            SECURITY.warn("sign-in refused by throttling from {}", from.address());
            throw new LockedException("throttled");
        }
        Optional<Accounts.Account> account = accounts.authenticate(email, password);
        if (account.isEmpty()) {
            // the attempt stays counted as a failure
            SECURITY.warn("sign-in failed from {}", from.address());
            throw new BadCredentialsException("bad credentials");
        }
        Accounts.Account a = account.get();
        if (a.disabled()) {
            throttle.notAGuess(guess.get());
            SECURITY.warn("sign-in of disabled account {} from {}", a.id(), from.address());
            throw new BadCredentialsException("disabled");
        }
        if (!a.verified()) {
            throttle.notAGuess(guess.get());
            throw new DisabledException("unverified");
        }
        throttle.succeeded(email, from.address());
        Person person = accounts.person(a.id());
        SECURITY.info("account {} gave its password from {}", a.id(), from.address());
        if (person.needsSecondFactor() || a.totpEnabled()) {
            return token(person, List.of(new SimpleGrantedAuthority(PENDING)), from);
        }
        return token(person, authorities(person), from);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication auth) throws IOException {
        Person person = (Person) auth.getPrincipal();
        if (pending(auth)) {
            response.sendRedirect(
                    twoFactor.enabled(person.id()) ? "/connexion/code" : "/compte/double-authentification");
            return;
        }
        completed(request, response, person);
    }

    /** After the password alone, or the code: remember the browser and go where the person works. */
    /** The session attribute holding recovery codes just made, until their page shows them. */
    static final String RECOVERY_CODES = "essor.recovery-codes";

    void completed(HttpServletRequest request, HttpServletResponse response, Person person) throws IOException {
        completed(request, response, person, person.moderator() ? "/moderation" : "/organisateur");
    }

    private void completed(HttpServletRequest request, HttpServletResponse response, Person person, String next)
            throws IOException {
        Cookie device = new Cookie(DEVICE_COOKIE, throttle.rememberDevice(person.id()));
        device.setHttpOnly(true);
        device.setSecure(request.isSecure());
        device.setPath("/connexion");
        device.setMaxAge((int) LoginThrottle.DEVICE_LIFETIME.toSeconds());
        device.setAttribute("SameSite", "Strict");
        response.addCookie(device);
        SECURITY.info("account {} signed in", person.id());
        response.sendRedirect(next);
    }

    void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        String reason = ex instanceof LockedException
                ? "attente"
                : ex instanceof DisabledException ? "confirmer" : "identifiants";
        response.sendRedirect("/connexion?erreur=" + reason);
    }

    void mustSignIn(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        response.sendRedirect("/connexion");
    }

    /** Someone half signed in goes on to their code; anyone else is refused with the 403 page. */
    void denied(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException ex)
            throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (pending(auth) && "GET".equals(request.getMethod())) {
            response.sendRedirect(
                    twoFactor.enabled(((Person) auth.getPrincipal()).id())
                            ? "/connexion/code"
                            : "/compte/double-authentification");
            return;
        }
        SECURITY.warn(
                "access denied to {} {} for {}",
                request.getMethod(),
                request.getRequestURI().replaceAll("[^\\w/.-]", "_"),
                auth == null ? "anonymous" : auth.getName());
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    /**
     * Checks the second factor of a person who gave their password; on success gives them their roles
     * under a new session id.
     *
     * @return false when the code is wrong, reused or when too many were tried
     */
    boolean secondFactor(String code, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Person person = (Person) auth.getPrincipal();
        String key = "totp:" + person.id();
        String address = LoginThrottle.addressKey(request.getRemoteAddr());
        if (throttle.begin(key, address, null).isEmpty()) {
            SECURITY.warn("second factor of account {} refused by throttling from {}", person.id(), address);
            return false;
        }
        boolean enabled = twoFactor.enabled(person.id());
        boolean ok = enabled ? twoFactor.verify(person.id(), code) : twoFactor.confirm(person.id(), code);
        if (!ok && enabled && twoFactor.useRecoveryCode(person.id(), code)) {
            ok = true;
            SECURITY.warn(
                    "account {} signed in with a recovery code from {}, {} left",
                    person.id(),
                    address,
                    twoFactor.recoveryCodesLeft(person.id()));
        }
        if (!ok) {
            // the attempt stays counted as a failure
            SECURITY.warn("second factor failed for account {} from {}", person.id(), address);
            return false;
        }
        throttle.succeeded(key, address);
        Person fresh = accounts.person(person.id());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(token(fresh, authorities(fresh), auth.getDetails()));
        request.changeSessionId();
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        if (!enabled) {
            // a second factor just turned on: its recovery codes, shown once on the next page
            request.getSession().setAttribute(RECOVERY_CODES, twoFactor.newRecoveryCodes(person.id()));
            SECURITY.info("second factor turned on for account {}", person.id());
            completed(request, response, fresh, "/compte/codes-de-secours");
        } else {
            completed(request, response, fresh);
        }
        return true;
    }

    static boolean pending(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> PENDING.equals(a.getAuthority()));
    }

    private static List<GrantedAuthority> authorities(Person person) {
        List<GrantedAuthority> list = new ArrayList<>();
        list.add(new SimpleGrantedAuthority(USER));
        if (person.moderator()) {
            list.add(new SimpleGrantedAuthority(MODERATOR));
        }
        if (person.admin()) {
            list.add(new SimpleGrantedAuthority(ADMIN));
        }
        return list;
    }

    private static Authentication token(Person person, List<GrantedAuthority> authorities, Object details) {
        var token = UsernamePasswordAuthenticationToken.authenticated(person, null, authorities);
        token.setDetails(details);
        return token;
    }
}
