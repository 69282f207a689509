using System.Reflection.Metadata;
using Verbatim.Core.IO;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Pe;

/// <summary>A standalone portable PDB (metadata with a #Pdb stream, magic <c>BSJB</c>), opened and validated.</summary>
internal sealed class PortablePdbFile : IDisposable
{
    private const long MaxPdbBytes = 512L << 20;

    private readonly MetadataReaderProvider provider;

    private PortablePdbFile(MetadataReaderProvider provider, MetadataReader reader)
    {
        this.provider = provider;
        Reader = reader;
    }

    public MetadataReader Reader { get; }

    public static bool HasMagic(ReadOnlySpan<byte> head) => head.StartsWith("BSJB"u8);

    public static PortablePdbFile Open(Input input, string side)
    {
        if (input.Length > MaxPdbBytes)
        {
            throw new LimitExceededException($"{side}: PDB larger than {MaxPdbBytes >> 20} MiB");
        }

        var provider = MetadataReaderProvider.FromPortablePdbStream(input.Open(), MetadataStreamOptions.Default, (int)input.Length);
        try
        {
            var reader = provider.GetMetadataReader(MetadataReaderOptions.None);
            if (reader.DebugMetadataHeader is null)
            {
                throw new MalformedInputException($"{side}: metadata without a #Pdb stream (not a portable PDB)");
            }

            return new PortablePdbFile(provider, reader);
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            provider.Dispose();
            throw new MalformedInputException($"{side}: {PeErrors.Reason(e)}", e);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public void Dispose() => provider.Dispose();
}
