using System.Text.Json.Nodes;
using Verbatim.Common.Json;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// The JSON report of a normalization run, written by <see cref="CanonicalJson"/> (indented; keys sorted, null
/// members dropped): byte-stable (no wall-clock values, files in the order given), with each file's status,
/// handler, reason and changes.
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

    public static void Write(Stream stream, IReadOnlyList<FileOutcome> outcomes, long referenceTime, bool check) =>
        CanonicalJson.Write(stream, Document(outcomes, referenceTime, check), CanonicalJsonStyle.Indented);

    public static JsonObject Document(IReadOnlyList<FileOutcome> outcomes, long referenceTime, bool check) => new()
    {
        ["check"] = check,
        ["files"] = new JsonArray([.. outcomes.Select(File)]),
        ["referenceTime"] = referenceTime,
        ["summary"] = new JsonObject
        {
            ["changed"] = outcomes.Count(o => o.Status == NormalizeStatus.Changed),
            ["failed"] = outcomes.Count(o => o.Status == NormalizeStatus.Failed),
            ["unchanged"] = outcomes.Count(o => o.Status == NormalizeStatus.Unchanged),
            ["wouldChange"] = outcomes.Count(o => o.Status == NormalizeStatus.WouldChange),
        },
    };

    private static JsonObject File(FileOutcome outcome) => new()
    {
        ["changes"] = new JsonArray([.. outcome.Changes.Select(Change)]),
        ["handler"] = outcome.Handler,
        ["path"] = outcome.Path,
        ["reason"] = outcome.Reason,
        ["status"] = StatusName(outcome.Status),
    };

    private static JsonObject Change(Change change) => new()
    {
        ["field"] = change.Field,
        ["from"] = change.From,
        ["id"] = change.Id,
        ["member"] = change.Member,
        ["to"] = change.To,
    };
}
