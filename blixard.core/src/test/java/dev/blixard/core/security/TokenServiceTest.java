package dev.blixard.core.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.blixard.api.ConflictException;
import dev.blixard.api.InvalidRequestException;
import dev.blixard.api.NotFoundException;
import dev.blixard.api.Violation;
import dev.blixard.api.security.IssuedToken;
import dev.blixard.api.security.Role;
import dev.blixard.api.security.TokenInfo;
import dev.blixard.store.Consistency;
import dev.blixard.store.ReplicatedDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

/** Tokens over a real one-member store: create, authenticate, register, revoke, list. */
public class TokenServiceTest {
    @Rule
    public final TokenFixture fixture = new TokenFixture();
    private ReplicatedDatabase database;
    private TokenServiceComponent tokens;

    @Before
    public void setUp() {
        database = fixture.database();
        tokens = fixture.tokens();
    }

    @Test
    public void aCreatedTokenAuthenticatesWithItsSecret() {
        IssuedToken issued = tokens.create(Role.CLIENT, "acme", "nightly builds");

        assertTrue(issued.secret(), issued.secret().matches("bxt_[A-Za-z0-9_-]{43}"));
        assertTrue(issued.info().id(), issued.info().id().matches("tok_[a-z2-7]{16}"));
        assertEquals(Role.CLIENT, issued.info().role());
        assertEquals(Optional.of("acme"), issued.info().tenantScope());
        assertEquals("nightly builds", issued.info().description());
        assertEquals(fixture.clock().instant(), issued.info().createdAt());
        assertEquals(Optional.of(issued.info()), tokens.authenticate(issued.secret()));
    }

    @Test
    public void anUnknownOrMalformedSecretIsNobody() {
        IssuedToken issued = tokens.create(Role.ADMIN, null, "");

        assertEquals(Optional.empty(), tokens.authenticate("bxt_not-a-token"));
        assertEquals(Optional.empty(), tokens.authenticate(issued.secret() + "x"));
        assertEquals(Optional.empty(), tokens.authenticate(""));
        assertEquals(Optional.empty(), tokens.authenticate(null));
        assertEquals(Optional.empty(), tokens.authenticate(issued.secret() + "x".repeat(1000)));
        // Every-tenant tokens say so.
        assertEquals(Optional.empty(), tokens.authenticate(issued.secret()).orElseThrow().tenantScope());
    }

    @Test
    public void aRevokedTokenIsRefusedAndCannotBeRevokedAgain() {
        IssuedToken kept = tokens.create(Role.WORKER, null, "kept");
        IssuedToken revoked = tokens.create(Role.WORKER, null, "revoked");
        // In use before the revoke: this node believes it for a while without reading the store again.
        assertTrue(tokens.authenticate(revoked.secret()).isPresent());

        tokens.revoke(revoked.info().id());

        assertEquals(Optional.empty(), tokens.authenticate(revoked.secret()));
        assertTrue(tokens.authenticate(kept.secret()).isPresent());
        NotFoundException again = assertThrows(NotFoundException.class, () -> tokens.revoke(revoked.info().id()));
        assertEquals("token", again.entity());
        assertThrows(NotFoundException.class, () -> tokens.revoke("tok_doesnotexist0000"));
        assertThrows(InvalidRequestException.class, () -> tokens.revoke(null));
    }

    @Test
    public void registeringTheSameIdAndHashAgainChangesNothing() {
        String hash = TokenSecrets.sha256Hex("my-own-secret");
        TokenInfo first = tokens.register("ci@build-1", hash, Role.WORKER, "acme", "build farm");
        fixture.clock().advance(Duration.ofMinutes(5));
        TokenInfo again = tokens.register("ci@build-1", hash, Role.WORKER, "acme", "build farm");

        assertEquals(first, again);
        assertEquals(List.of(first), tokens.list());
        assertEquals(Optional.of(first), tokens.authenticate("my-own-secret"));
    }

    @Test
    public void registeringATakenIdOrHashIsAConflict() {
        String hash = TokenSecrets.sha256Hex("first secret");
        tokens.register("ci", hash, Role.WORKER, null, "");

        assertThrows(ConflictException.class,
                () -> tokens.register("ci", TokenSecrets.sha256Hex("other secret"), Role.WORKER, null, ""));
        assertThrows(ConflictException.class, () -> tokens.register("ci-2", hash, Role.WORKER, null, ""));
        tokens.revoke("ci");
        // A revoked secret may have leaked: registering it again must not bring it back.
        assertThrows(ConflictException.class, () -> tokens.register("ci", hash, Role.WORKER, null, ""));
        assertEquals(Optional.empty(), tokens.authenticate("first secret"));
        assertEquals(List.of(), tokens.list());
    }

    @Test
    public void activeTokensAreListedOldestFirst() {
        List<TokenInfo> created = new ArrayList<>();
        for (String description : List.of("first", "second", "third")) {
            created.add(tokens.create(Role.CLIENT, null, description).info());
            fixture.clock().advance(Duration.ofSeconds(1));
        }
        tokens.revoke(created.get(1).id());

        assertEquals(List.of(created.get(0), created.get(2)), tokens.list());
    }

    @Test
    public void invalidRequestsAreRefusedWithEveryProblemAndWriteNothing() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> tokens.create(null, "Not A Tenant", "x".repeat(201)));
        assertEquals(List.of("role", "tenant", "description"), fields(refused));
        assertEquals(List.of("description"), fields(assertThrows(InvalidRequestException.class,
                () -> tokens.create(Role.CLIENT, null, "forged\nlog line"))));
        assertEquals(List.of("id", "sha256"), fields(assertThrows(InvalidRequestException.class,
                () -> tokens.register("has space", "ABCDEF", Role.ADMIN, null, ""))));
        assertEquals(List.of("sha256"), fields(assertThrows(InvalidRequestException.class,
                () -> tokens.register("ok", TokenSecrets.sha256Hex("s").toUpperCase(), Role.ADMIN, null, ""))));
        assertEquals(List.of("id", "sha256"), fields(assertThrows(InvalidRequestException.class,
                () -> tokens.register(null, null, Role.ADMIN, null, ""))));

        assertEquals(0L, (long) database.read(Consistency.LINEARIZABLE, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM tokens");
                    ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }));
    }

    @Test
    public void secretsAreNeitherStoredNorPrinted() {
        IssuedToken issued = tokens.create(Role.ADMIN, null, "operator");

        assertFalse(issued.toString().contains(issued.secret()));
        assertFalse(issued.info().toString().contains(issued.secret()));
        List<String> stored = database.read(Consistency.LINEARIZABLE, connection -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM tokens");
                    ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                        values.add(String.valueOf(row.getObject(column)));
                    }
                }
            }
            return values;
        });
        assertTrue(stored.contains(TokenSecrets.sha256Hex(issued.secret())));
        String secretBody = issued.secret().substring(TokenSecrets.SECRET_PREFIX.length());
        assertTrue(stored.toString(), stored.stream().noneMatch(value -> value.contains(secretBody)));
    }

    private static List<String> fields(InvalidRequestException refused) {
        return refused.violations().stream().map(Violation::field).toList();
    }
}
