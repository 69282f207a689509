using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Verbatim.Core.IO;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Pe;

/// <summary>
/// One PE image opened for comparison: its headers, debug directory and (for a .NET assembly) metadata, all
/// validated when opened so that a corrupt image fails here with a short reason rather than halfway through.
/// </summary>
internal sealed class PeFile : IDisposable
{
    private PeFile(Input input, PEReader reader, MetadataReader? metadata, ImmutableArray<DebugDirectoryEntry> debug)
    {
        Input = input;
        Reader = reader;
        Headers = reader.PEHeaders;
        Metadata = metadata;
        Debug = debug;
        Deterministic = debug.Any(e => e.Type == DebugDirectoryEntryType.Reproducible);
        Names = metadata is null ? null : new MetadataNames(metadata);
    }

    public Input Input { get; }

    public PEReader Reader { get; }

    public PEHeaders Headers { get; }

    /// <summary>The metadata of a .NET assembly or module; null for a native image.</summary>
    public MetadataReader? Metadata { get; }

    public MetadataNames? Names { get; }

    public ImmutableArray<DebugDirectoryEntry> Debug { get; }

    /// <summary>Whether the debug directory has a Reproducible entry (built with /deterministic or /Brepro).</summary>
    public bool Deterministic { get; }

    /// <summary>Opens and validates <paramref name="input"/>; <paramref name="side"/> names it in error messages.</summary>
    public static PeFile Open(Input input, string side)
    {
        if (input.Length > int.MaxValue)
        {
            throw new MalformedInputException($"{side}: larger than 2 GiB, which a PE image cannot be");
        }

        var reader = new PEReader(input.Open(), PEStreamOptions.Default, (int)input.Length);
        try
        {
            var headers = reader.PEHeaders;
            if (headers.PEHeader is null)
            {
                throw new MalformedInputException($"{side}: no PE optional header (an object file, not an image)");
            }

            foreach (var section in headers.SectionHeaders)
            {
                if ((long)section.PointerToRawData + section.SizeOfRawData > input.Length && section.SizeOfRawData > 0)
                {
                    throw new MalformedInputException($"{side}: section {SectionName(section)} extends past the end of the file");
                }
            }

            var metadata = reader.HasMetadata ? reader.GetMetadataReader(MetadataReaderOptions.None) : null;
            var debug = reader.ReadDebugDirectory();
            foreach (var entry in debug)
            {
                if (entry.DataSize > 0 && (long)entry.DataPointer + entry.DataSize > input.Length)
                {
                    throw new MalformedInputException($"{side}: debug entry {entry.Type} points past the end of the file");
                }
            }

            return new PeFile(input, reader, metadata, debug);
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            reader.Dispose();
            throw new MalformedInputException($"{side}: {PeErrors.Reason(e)}", e);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>The file offset of <paramref name="rva"/>, or -1 when no section holds it.</summary>
    public long FileOffset(int rva, int length)
    {
        foreach (var section in Headers.SectionHeaders)
        {
            if (rva >= section.VirtualAddress && (long)rva + length <= (long)section.VirtualAddress + section.SizeOfRawData)
            {
                return (long)section.PointerToRawData + rva - section.VirtualAddress;
            }
        }

        return -1;
    }

    public static string SectionName(SectionHeader section) => Members.MemberNames.Escape(section.Name);

    public void Dispose() => Reader.Dispose();
}
