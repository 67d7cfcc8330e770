package io.doppel.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.doppel.history.Aggregation;
import io.doppel.history.HistoryService;
import io.doppel.history.Point;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * History reads answered as CSV ({@code t,v} for one series, {@code t,name,v} for several) or JSON lines
 * ({@code {"t","name","v"}} a line), streamed as the chunks are decoded, so an export of a day of 1-second data for
 * thousands of series never builds in memory. Every argument is checked before the first byte goes out. Values of
 * personal series reach a caller without {@code personal} as pseudonyms ({@link PersonalPoints}).
 */
final class HistoryExport {
  private HistoryExport() {}

  /** One or more series of a twin; {@code names} empty exports every series it has. */
  static void write(Context ctx, HistoryService history, String twinId, List<String> names, Instant from,
      Instant to, @Nullable Duration bucket, @Nullable Aggregation agg, ExportFormat format, boolean withName) {
    boolean counts = agg == Aggregation.COUNT;
    PersonalPoints personal = PersonalPoints.of(ctx, twinId);
    if (format == ExportFormat.CSV) {
      StreamedBody.write(ctx, Csv.MEDIA_TYPE, out -> {
        boolean[] header = {false};
        // The header goes out with the first point, after the history has checked every argument.
        history.export(twinId, names, from, to, bucket, agg, (name, p) -> {
          if (!header[0]) {
            header[0] = true;
            Csv.record(out, withName ? List.of("t", "name", "v") : List.of("t", "v"));
          }
          out.write(p.instant().toString());
          out.write(',');
          if (withName) {
            Csv.field(out, name);
            out.write(',');
          }
          String pseudonym = personal.pseudonym(name, p, counts);
          Csv.field(out, pseudonym != null ? pseudonym : value(p, counts));
          out.write("\r\n");
        });
        if (!header[0]) {
          Csv.record(out, withName ? List.of("t", "name", "v") : List.of("t", "v"));
        }
      });
      return;
    }
    StreamedBody.write(ctx, ExportFormat.JSONL_MEDIA_TYPE, out -> {
      JsonGenerator json = Json.MAPPER.getFactory().createGenerator(new NonClosing(out));
      history.export(twinId, names, from, to, bucket, agg, (name, p) -> {
        json.writeStartObject();
        json.writeStringField("t", p.instant().toString());
        if (withName) {
          json.writeStringField("name", name);
        }
        json.writeFieldName("v");
        String pseudonym = personal.pseudonym(name, p, counts);
        if (pseudonym != null) {
          json.writeString(pseudonym);
        } else if (p.isText()) {
          json.writeString(p.text());
        } else if (counts) {
          json.writeNumber((long) p.value());
        } else {
          json.writeNumber(p.value());
        }
        json.writeEndObject();
        json.flush();
        out.write('\n');
      });
      json.close();
    });
  }

  /** A point's value as a CSV field: the text, a count as an integer, else the number as JSON writes it. */
  static String value(Point p, boolean counts) {
    if (p.isText()) {
      return p.text();
    }
    return counts ? Long.toString((long) p.value()) : Double.toString(p.value());
  }

  /** Lets a JSON generator flush into the shared writer without closing it. */
  private static final class NonClosing extends Writer {
    private final Writer out;

    NonClosing(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
      out.write(buffer, offset, length);
    }

    @Override
    public void flush() {
      // the shared writer is flushed once, at the end of the body
    }

    @Override
    public void close() {
      // the shared writer belongs to the response
    }
  }
}
