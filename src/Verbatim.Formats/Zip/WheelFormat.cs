using Verbatim.Core.Model;

namespace Verbatim.Formats.Zip;

/// <summary>A Python wheel: a zip named .whl with a <c>*.dist-info/</c> directory.</summary>
public sealed class WheelFormat : ZipFamilyFormat
{
    public override string Name => "whl";

    public override IReadOnlyList<string> Extensions => [".whl"];

    public override bool MatchesContent(ZipProbe probe) =>
        probe.Names.Any(n => n.EndsWith(".dist-info/WHEEL", StringComparison.Ordinal) && n.IndexOf('/') == n.Length - 6);

    /// <summary>RECORD lists a base64 digest of every file, which the text comparison does not recognise as a hash.</summary>
    public override IEnumerable<Difference> Explain(string containerPath, IReadOnlyList<Difference> differences) =>
        AddCause(
            containerPath,
            differences,
            name => name.EndsWith(".dist-info/RECORD", StringComparison.Ordinal),
            _ => new Cause(CauseKind.EmbeddedHash, "RECORD lists the digest of every file in the wheel: it changes whenever any of them changes"));
}
