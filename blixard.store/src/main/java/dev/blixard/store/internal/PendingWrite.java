package dev.blixard.store.internal;

import dev.blixard.store.WriteResult;
import java.util.concurrent.CompletableFuture;

/** A caller's batch, encoded, waiting to be part of a log entry. */
record PendingWrite(byte[] encoded, CompletableFuture<WriteResult> result) {
}
