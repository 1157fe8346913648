package dev.blixard.store.internal;

import dev.blixard.store.NonDeterministicSqlException;
import dev.blixard.store.Statement;
import dev.blixard.store.StoreException;
import dev.blixard.store.WriteBatch;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses SQL whose result would differ between nodes, before it enters the log: the clock
 * ({@code CURRENT_TIMESTAMP}, {@code datetime('now')}, {@code date()} without a time value, …) and random
 * sources ({@code random()}, {@code randomblob()}). Callers pass such values as parameters instead, chosen
 * once by the proposer.
 *
 * <p>A lexical check, not a parser: it errs on the side of refusing (a stored text {@code 'now'} is refused
 * too) and never looks inside string literals, quoted identifiers or comments for the function names.
 */
final class DeterminismGuard {
    /**
     * Clock keywords and random sources, outside string literals, quoted identifiers and comments. The
     * keywords need a word boundary on both sides, so a column such as {@code current_time_ms} stays legal.
     */
    private static final Pattern FORBIDDEN_CODE = Pattern.compile(
            "\\b(current_timestamp|current_date|current_time)\\b|\\b(random|randomblob)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    /** Date functions read the clock when given no time value: {@code date()}, {@code strftime('%s')}. */
    private static final Pattern CLOCK_CALL = Pattern.compile(
            "\\b(date|time|datetime|julianday|unixepoch)\\s*\\(\\s*\\)|\\bstrftime\\s*\\([^,()]*\\)",
            Pattern.CASE_INSENSITIVE);
    /** The store's own bookkeeping is off limits to callers. */
    private static final Pattern RESERVED_TABLE = Pattern.compile("\\b_store_meta\\b", Pattern.CASE_INSENSITIVE);
    /**
     * The clock as a date-function argument: {@code 'now'}, and {@code "now"}, which SQLite reads as a string
     * when no column has that name. Refused wherever it appears outside comments: telling an argument from
     * a stored value would need a parser, and a caller can bind the text as a parameter.
     */
    private static final Pattern NOW_LITERAL = Pattern.compile("(['\"])\\s*now\\s*\\1", Pattern.CASE_INSENSITIVE);
    /**
     * Statements that would break "one batch, one savepoint, one transaction per entry": transaction
     * control, and conflict clauses that end the whole transaction.
     */
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "^\\s*(begin|commit|end|rollback|savepoint|release|attach|detach|vacuum|pragma)\\b|\\bor\\s+rollback\\b",
            Pattern.CASE_INSENSITIVE);
    private static final int ACCEPTED_MAX = 4096;

    /**
     * SQL texts found acceptable before. Callers reuse a few statements with new parameters, so the check
     * (a handful of regular-expression scans) runs once per text, not once per write. Bounded: emptied when
     * full. One per store, so nothing outlives it.
     */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    void check(WriteBatch batch) {
        for (int i = 0; i < batch.statements().size(); i++) {
            check(batch.statements().get(i), i);
        }
    }

    private void check(Statement statement, int position) {
        String sql = statement.sql();
        if (accepted.contains(sql)) {
            return;
        }
        String code = masked(sql, true);
        Matcher forbidden = FORBIDDEN_CODE.matcher(code);
        if (forbidden.find()) {
            throw refusal(position, forbidden.group().replaceAll("\\s", "").toLowerCase(Locale.ROOT), sql);
        }
        Matcher clock = CLOCK_CALL.matcher(code);
        if (clock.find()) {
            throw refusal(position, clock.group().replaceAll("\\s*\\(.*", "").toLowerCase(Locale.ROOT)
                    + "() without a time value (the current time)", sql);
        }
        if (NOW_LITERAL.matcher(masked(sql, false)).find()) {
            throw refusal(position, "'now'", sql);
        }
        if (RESERVED_TABLE.matcher(code).find()) {
            throw new StoreException("statement " + position + " touches _store_meta, the store's own bookkeeping: "
                    + abbreviate(sql));
        }
        if (TRANSACTION_CONTROL.matcher(code).find()) {
            throw new StoreException("statement " + position + " controls the transaction itself; a batch is"
                    + " already one transaction: " + abbreviate(sql));
        }
        if (accepted.size() >= ACCEPTED_MAX) {
            accepted.clear();
        }
        accepted.add(sql);
    }

    private static NonDeterministicSqlException refusal(int position, String what, String sql) {
        return new NonDeterministicSqlException("statement " + position + " uses " + what
                + ", which differs between nodes; pass the value as a parameter instead: " + abbreviate(sql));
    }

    /**
     * Blanks out comments and, when {@code literalsToo}, the insides of string literals and quoted
     * identifiers (their quotes stay, so {@code date('2026-01-01')} still reads as a call with an argument).
     * The length is kept.
     */
    static String masked(String sql, boolean literalsToo) {
        StringBuilder code = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i, c);
                if (literalsToo) {
                    boolean terminated = end - i >= 2 && sql.charAt(end - 1) == c;
                    code.append(c);
                    blank(code, end - i - (terminated ? 2 : 1));
                    if (terminated) {
                        code.append(c);
                    }
                } else {
                    code.append(sql, i, end);
                }
                i = end;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                blank(code, end - i);
                i = end;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                blank(code, end - i);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static void blank(StringBuilder code, int length) {
        for (int k = 0; k < length; k++) {
            code.append(' ');
        }
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 120 ? sql : sql.substring(0, 117) + "...";
    }
}
