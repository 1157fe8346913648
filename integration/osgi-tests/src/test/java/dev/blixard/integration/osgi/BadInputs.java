package dev.blixard.integration.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates, from the OpenAPI document the node serves, the requests every operation must refuse: without a
 * token, with a bad or revoked one (401), with a token of a role {@code x-blixard-roles} does not list (403),
 * with a method its path does not allow (405 with {@code Allow}); and for operations with a body, malformed
 * JSON, JSON that is not an object (400), wrong field types and unknown fields ({@link WrongTypes}, 400), other
 * content types (415), too large bodies (413, by declared length and streamed) and too deep nesting (400);
 * for operations with an id, ids that name nothing (404). A route added to the document is covered at once.
 */
final class BadInputs {
    /** The single-body and the batch limits by default (RestApiConfig). */
    static final long MAX_BODY = 1L << 20;
    static final long MAX_BATCH_BODY = 16L << 20;
    private static final int MAX_DEPTH = 64;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final List<String> UNKNOWN_IDS = List.of("contract-no-such-id", "0", "x".repeat(300), "%C3%BCnknown");
    private static final String NEUTRAL_ID = "contract-no-such-id";

    private final ContractFixtures fixtures;

    BadInputs(ContractFixtures fixtures) {
        this.fixtures = fixtures;
    }

    /** @return every generated case of every operation */
    List<ContractCase> all(List<ApiOperation> operations) {
        List<ContractCase> cases = new ArrayList<>();
        for (ApiOperation operation : operations) {
            cases.addAll(authentication(operation));
            cases.addAll(roles(operation));
            cases.addAll(methods(operation));
            if (operation.hasBody()) {
                cases.addAll(bodies(operation));
            }
            if (operation.hasId()) {
                cases.addAll(unknownIds(operation));
            }
        }
        return cases;
    }

    private List<ContractCase> authentication(ApiOperation operation) {
        Map<String, String> headers = Map.of("no Authorization", "",
                "empty bearer", "Bearer ",
                "Basic credentials", "Basic YWRtaW46YWRtaW4=",
                "unknown bearer token", "Bearer not-a-token",
                "revoked bearer token", ContractCase.bearer(fixtures.revoked()),
                "token without scheme", fixtures.admin());
        List<ContractCase> cases = new ArrayList<>();
        headers.forEach((what, authorization) -> cases.add(new ContractCase(operation.label() + ": " + what,
                operation.method(), operation.path(NEUTRAL_ID), authorization.isEmpty() ? null : authorization,
                null, Map.of(), null, 401, Map.of("WWW-Authenticate", "Bearer realm=\"blixard\""))));
        return cases;
    }

    private List<ContractCase> roles(ApiOperation operation) {
        List<ContractCase> cases = new ArrayList<>();
        Map<String, String> tokens = Map.of("client", fixtures.client(), "worker", fixtures.worker());
        tokens.forEach((role, token) -> {
            if (!operation.roles().contains(role)) {
                cases.add(ContractCase.json(operation.label() + ": a " + role + " token", operation.method(),
                        operation.path(NEUTRAL_ID), token, operation.hasBody() ? "{}" : null, 403));
            }
        });
        return cases;
    }

    private List<ContractCase> methods(ApiOperation operation) {
        List<ContractCase> cases = new ArrayList<>();
        Set<String> allowed = operation.pathMethods();
        // One operation of each path speaks for the path.
        if (!operation.method().equals(allowed.iterator().next())) {
            return cases;
        }
        for (String method : METHODS) {
            if (!allowed.contains(method)) {
                cases.add(ContractCase.json(operation.template() + ": " + method, method, operation.path(NEUTRAL_ID),
                        fixtures.admin(), null, 405).expecting("Allow", String.join(", ", allowed)));
            }
        }
        return cases;
    }

    private List<ContractCase> bodies(ApiOperation operation) {
        ContractCase base = ContractCase.json(operation.label(), operation.method(), operation.path(NEUTRAL_ID),
                fixtures.admin(), null, 400);
        List<ContractCase> cases = new ArrayList<>();
        List<String> malformed = new ArrayList<>(List.of("{\"payload\": ", "{", "}", "nul", "{\"a\": 1,}",
                "{'a': 1}", "{\"a\": 1} {\"b\": 2}", "{\"a\": 1, \"a\": 2}", "{\"a\": NaN}", "\"unterminated",
                "[1, 2", "[]", "[{}]", "42", "\"text\"", "true", "null"));
        if (operation.bodyRequired()) {
            malformed.add("");
            malformed.add("   ");
        }
        for (String text : malformed) {
            cases.add(named(base, "body " + quote(text), 400, ContractCase.JSON, ContractCase.Body.json(text)));
        }
        cases.add(named(base, "body not UTF-8", 400, ContractCase.JSON,
                new ContractCase.Body(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, 0, false)));
        WrongTypes.bodies(operation).forEach((what, body) ->
                cases.add(named(base, what, 400, ContractCase.JSON, ContractCase.Body.json(body))));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x")) {
            cases.add(named(base, "content type " + type, 415, type, ContractCase.Body.json("{}")));
        }
        cases.add(named(base, "no content type", 415, null, ContractCase.Body.json("{}")));
        cases.add(named(base, "nesting " + (MAX_DEPTH + 1), 400, ContractCase.JSON,
                ContractCase.Body.json("{\"payload\": " + "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH) + "}")));
        cases.add(named(base, "nesting 100000", 400, ContractCase.JSON,
                ContractCase.Body.json("[".repeat(100_000) + "]".repeat(100_000))));
        long limit = operation.template().endsWith("/batch") ? MAX_BATCH_BODY : MAX_BODY;
        cases.add(named(base, "declared body of limit + 1", 413, ContractCase.JSON,
                ContractCase.Body.generated(limit + 1, true)));
        cases.add(named(base, "streamed body of limit + 1", 413, ContractCase.JSON,
                ContractCase.Body.generated(limit + 1, false)));
        return cases;
    }

    private List<ContractCase> unknownIds(ApiOperation operation) {
        List<ContractCase> cases = new ArrayList<>();
        String body = fixtures.validBody(operation.label());
        for (String id : UNKNOWN_IDS) {
            cases.add(ContractCase.json(operation.label() + ": unknown id " + (id.length() > 20 ? "of " + id.length()
                    + " characters" : id), operation.method(), operation.path(id), fixtures.admin(), body, 404));
        }
        return cases;
    }

    private static ContractCase named(ContractCase base, String what, int status, String type, ContractCase.Body body) {
        return new ContractCase(base.name() + ": " + what, base.method(), base.path(), base.authorization(), type,
                base.headers(), body, status, Map.of());
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }
}
