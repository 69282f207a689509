using System.Text.Encodings.Web;
using System.Text.Json;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// The JSON report of a normalization run: byte-stable (keys sorted, no wall-clock values, files in the order given),
/// with each file's status, handler, reason and changes.
/// </summary>
public static class NormalizeReport
{
    public static string StatusName(NormalizeStatus status) => status switch
    {
        NormalizeStatus.Unchanged => "unchanged",
        NormalizeStatus.Changed => "changed",
        NormalizeStatus.WouldChange => "would-change",
        _ => "failed",
    };

    public static void Write(Stream stream, IReadOnlyList<FileOutcome> outcomes, long referenceTime, bool check)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteBoolean("check", check);
        json.WriteStartArray("files");
        foreach (var outcome in outcomes)
        {
            json.WriteStartObject();
            json.WriteStartArray("changes");
            foreach (var change in outcome.Changes)
            {
                json.WriteStartObject();
                json.WriteString("field", change.Field);
                json.WriteString("from", change.From);
                json.WriteString("member", change.Member);
                json.WriteString("to", change.To);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("handler", outcome.Handler);
            json.WriteString("path", outcome.Path);
            json.WriteString("reason", outcome.Reason);
            json.WriteString("status", StatusName(outcome.Status));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("referenceTime", referenceTime);
        json.WriteStartObject("summary");
        json.WriteNumber("changed", outcomes.Count(o => o.Status == NormalizeStatus.Changed));
        json.WriteNumber("failed", outcomes.Count(o => o.Status == NormalizeStatus.Failed));
        json.WriteNumber("unchanged", outcomes.Count(o => o.Status == NormalizeStatus.Unchanged));
        json.WriteNumber("wouldChange", outcomes.Count(o => o.Status == NormalizeStatus.WouldChange));
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }
}
