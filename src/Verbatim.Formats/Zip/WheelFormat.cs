using Verbatim.Archives.Zip;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Zip;

/// <summary>A Python wheel (<see cref="ZipFlavors.Wheel"/>).</summary>
public sealed class WheelFormat() : ZipFamilyFormat(ZipFlavors.Wheel)
{
    /// <summary>RECORD lists a base64 digest of every file, which the text comparison does not recognise as a hash.</summary>
    public override IEnumerable<Difference> Explain(string containerPath, IReadOnlyList<Difference> differences) =>
        AddCause(
            containerPath,
            differences,
            ZipFlavors.Wheel.IsDigestRecord,
            _ => new Cause(CauseKind.EmbeddedHash, "RECORD lists the digest of every file in the wheel: it changes whenever any of them changes"));
}
