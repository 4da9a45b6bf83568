package fr.essor.calls;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.NullLiteral;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpDivide;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpMultiply;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * The conditions of a form (when a field is shown and required) and, later, of eligibility rules:
 * Spring's expression language restricted to comparisons of answers with literals, arithmetic,
 * {@code and}, {@code or}, {@code not}. Names are the form's field keys; nothing else can be reached (no
 * method, type, bean, variable nor index): a programme manager writes them, an applicant never does.
 */
public final class Condition {

    static final int MAX_LENGTH = 500;
    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final Set<Class<? extends SpelNode>> ALLOWED = Set.of(
            PropertyOrFieldReference.class,
            StringLiteral.class,
            IntLiteral.class,
            LongLiteral.class,
            RealLiteral.class,
            FloatLiteral.class,
            BooleanLiteral.class,
            NullLiteral.class,
            OpEQ.class,
            OpNE.class,
            OpLT.class,
            OpGT.class,
            OpLE.class,
            OpGE.class,
            OpAnd.class,
            OpOr.class,
            OperatorNot.class,
            OpPlus.class,
            OpMinus.class,
            OpMultiply.class,
            OpDivide.class);

    private Condition() {}

    /**
     * What is wrong with a condition, as a message key: too long, not an expression, a construct that is
     * not allowed, a name that is not one of {@code names} or is the field's own.
     */
    static Optional<String> problem(String condition, Set<String> names, String own) {
        if (condition.isBlank() || condition.length() > MAX_LENGTH) {
            return Optional.of("calls.form.error.condition");
        }
        SpelExpression expression;
        try {
            expression = PARSER.parseRaw(condition);
        } catch (ParseException | IllegalStateException ex) {
            return Optional.of("calls.form.error.condition");
        }
        return problem(expression.getAST(), names, own);
    }

    private static Optional<String> problem(SpelNode node, Set<String> names, String own) {
        if (!ALLOWED.contains(node.getClass())) {
            return Optional.of("calls.form.error.condition");
        }
        if (node instanceof PropertyOrFieldReference reference
                && (!names.contains(reference.getName()) || java.util.Objects.equals(reference.getName(), own))) {
            return Optional.of("calls.form.error.conditionName");
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            Optional<String> inner = problem(node.getChild(i), names, own);
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a condition holds for answers (a missing or empty answer is null); a comparison that cannot
     * be made (a text against a number) does not hold.
     */
    public static boolean holds(String condition, Map<String, Object> answers) {
        if (condition == null) {
            return true;
        }
        Expression expression;
        try {
            expression = PARSER.parseRaw(condition);
        } catch (ParseException | IllegalStateException ex) {
            return false;
        }
        EvaluationContext context =
                SimpleEvaluationContext.forPropertyAccessors(new MapAccessor()).build();
        try {
            return Boolean.TRUE.equals(expression.getValue(context, new NullForMissing(answers), Boolean.class));
        } catch (EvaluationException ex) {
            return false;
        }
    }

    /** The answers, a name without an answer read as null (the accessor refuses a missing key). */
    private static final class NullForMissing extends java.util.AbstractMap<String, Object> {
        private final Map<String, Object> answers;

        NullForMissing(Map<String, Object> answers) {
            this.answers = answers;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            return answers.get(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return answers.entrySet();
        }
    }
}
