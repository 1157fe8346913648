package dev.blixard.examples.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the {@code aggregate} operation: streams the dataset through an {@link Aggregator}, then
 * writes the summary with a {@link SummaryWriter}. Asks its {@link Interruption} every
 * {@value #CHECK_EVERY} rows whether to stop, so a cancel or timeout takes effect within that many rows.
 * One instance per run; {@link #rowsRead()} may be read from another thread while it runs.
 */
final class CsvAggregation {
    /** Rows between two checks for a stop: cheap enough, and a few hundred rows take well under a millisecond. */
    static final int CHECK_EVERY = 256;

    private final CsvRequest request;
    private final CsvSettings settings;
    private final Interruption interruption;
    private volatile long rowsRead;

    CsvAggregation(CsvRequest request, CsvSettings settings, Interruption interruption) {
        this.request = request;
        this.settings = settings;
        this.interruption = interruption;
    }

    /**
     * @return what was done; the summary is in place
     * @throws BadDatasetException when the file cannot be summarised as asked (no retry will help)
     * @throws StoppedException when the run was stopped; the output is untouched
     * @throws IOException when reading or writing failed
     */
    AggregationReport run() throws BadDatasetException, StoppedException, IOException {
        long start = System.nanoTime();
        SkippedRows skipped = new SkippedRows();
        Aggregator aggregator;
        try (BufferedReader text = Files.newBufferedReader(request.dataset(), StandardCharsets.UTF_8);
                CsvReader csv = new CsvReader(text, settings.maxRecordChars())) {
            aggregator = Aggregator.forHeader(header(csv), request.groupBy(), request.sum(), settings.maxGroups(),
                    skipped);
            for (CsvRecord record = csv.next(); record != null; record = csv.next()) {
                aggregator.add(record);
                rowsRead = aggregator.rowsRead();
                if (rowsRead % CHECK_EVERY == 0) {
                    interruption.throwIfStopped();
                }
            }
        } catch (CharacterCodingException e) {
            throw new BadDatasetException(request.dataset() + " is not UTF-8 text", e);
        }
        if (aggregator.rowsRead() > 0 && aggregator.rowsAggregated() == 0) {
            throw new BadDatasetException("none of the " + aggregator.rowsRead() + " rows of " + request.dataset()
                    + " could be used; " + skipped.reasons());
        }
        interruption.throwIfStopped();
        long bytes = new SummaryWriter(interruption, CHECK_EVERY).write(request.output(), aggregator.summaryHeader(),
                aggregator.summaryRows());
        return new AggregationReport(aggregator.rowsRead(), aggregator.rowsAggregated(), skipped.count(),
                skipped.reasons(), aggregator.groups(), aggregator.groupColumn(), aggregator.summedColumns(),
                aggregator.droppedColumns(), request.output(), bytes,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** @return data rows read so far */
    long rowsRead() {
        return rowsRead;
    }

    /** The header's names, trimmed, because {@code region, amount} is a common way to write {@code region,amount}. */
    private List<String> header(CsvReader csv) throws IOException, BadDatasetException {
        CsvRecord header = csv.next();
        if (header == null) {
            throw new BadDatasetException(request.dataset() + " is empty: a header row is required");
        }
        if (header.malformed()) {
            throw new BadDatasetException("the header of " + request.dataset() + " is malformed: " + header.error());
        }
        List<String> names = new ArrayList<>();
        header.fields().forEach(name -> names.add(name.trim()));
        return names;
    }
}
