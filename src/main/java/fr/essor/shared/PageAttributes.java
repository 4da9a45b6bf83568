package fr.essor.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ModelMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What a module gives every rendered page (the header's links, a form's empty errors): added once the
 * controller has chosen its view, to pages only — not to the API's answers, nor to redirections, whose
 * simple attributes would become query parameters. Attributes the controller already set are kept.
 *
 * <p>Spring's {@code @ControllerAdvice} {@code @ModelAttribute} methods did this before every handler,
 * the API's included, building their invocation anew at each request: about a twelfth of a public search.
 */
public abstract class PageAttributes implements HandlerInterceptor {

    @Override
    public final void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
        if (view == null || view.wasCleared() || redirection(view)) {
            return;
        }
        add(view.getModelMap(), SecurityContextHolder.getContext().getAuthentication());
    }

    /**
     * Adds this module's attributes (with {@code putIfAbsent} where a controller may set its own).
     *
     * @param authentication who makes the request (anonymous, signing in, signed in), or null
     */
    protected abstract void add(ModelMap model, Authentication authentication);

    private static boolean redirection(ModelAndView view) {
        String name = view.getViewName();
        return (name != null && (name.startsWith("redirect:") || name.startsWith("forward:")))
                || view.getView() instanceof RedirectView;
    }
}
