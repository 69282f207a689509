using Verbatim.Build.Records;
using Verbatim.Common.Records;
using Verbatim.Provenance;

namespace Verbatim.Build.Stages;

/// <summary>The last stage: sign the record's provenance with the key the caller gives, or, with none, sign nothing and say so.</summary>
public static class SignStage
{
    public static ProvenanceOutcome Sign(BuildRecord record, SigningKey? key, string outDir)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (key is null)
        {
            return ProvenanceOutcome.NotSigned;
        }

        return new ProvenanceOutcome(ProvenanceWriter.Write(record, outDir, key), key.KeyId);
    }
}
