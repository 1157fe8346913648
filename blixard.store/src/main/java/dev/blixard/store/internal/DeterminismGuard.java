package dev.blixard.store.internal;

import dev.blixard.store.NonDeterministicSqlException;
import dev.blixard.store.Statement;
import dev.blixard.store.StoreException;
import dev.blixard.store.WriteBatch;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses SQL whose result would differ between nodes, before it enters the log: the clock
 * ({@code CURRENT_TIMESTAMP}, {@code datetime('now')}, …) and random sources ({@code random()},
 * {@code randomblob()}). Callers pass such values as parameters instead, chosen once by the proposer.
 */
final class DeterminismGuard {
    /** Keywords and functions outside string literals and comments. */
    private static final Pattern FORBIDDEN_CODE = Pattern.compile(
            "\\b(current_timestamp|current_date|current_time|random\\s*\\(|randomblob\\s*\\()",
            Pattern.CASE_INSENSITIVE);
    /** The store's own bookkeeping is off limits to callers. */
    private static final Pattern RESERVED_TABLE = Pattern.compile("\\b_store_meta\\b", Pattern.CASE_INSENSITIVE);
    /** The clock as a date-function argument. */
    private static final Pattern NOW_LITERAL = Pattern.compile("'\\s*now\\s*'", Pattern.CASE_INSENSITIVE);

    private DeterminismGuard() {
    }

    static void check(WriteBatch batch) {
        for (int i = 0; i < batch.statements().size(); i++) {
            check(batch.statements().get(i), i);
        }
    }

    private static void check(Statement statement, int position) {
        String sql = statement.sql();
        String code = withoutLiteralsAndComments(sql);
        Matcher forbidden = FORBIDDEN_CODE.matcher(code);
        if (forbidden.find()) {
            throw refusal(position, forbidden.group(1).replaceAll("\\s", "").toLowerCase(Locale.ROOT), sql);
        }
        if (NOW_LITERAL.matcher(sql).find()) {
            throw refusal(position, "'now'", sql);
        }
        if (RESERVED_TABLE.matcher(code).find()) {
            throw new StoreException("statement " + position + " touches _store_meta, the store's own bookkeeping: "
                    + abbreviate(sql));
        }
    }

    private static NonDeterministicSqlException refusal(int position, String what, String sql) {
        return new NonDeterministicSqlException("statement " + position + " uses " + what
                + ", which differs between nodes; pass the value as a parameter instead: " + abbreviate(sql));
    }

    /** Blanks out string literals, quoted identifiers and comments, keeping the length. */
    static String withoutLiteralsAndComments(String sql) {
        StringBuilder code = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i, c);
                blank(code, end - i);
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
