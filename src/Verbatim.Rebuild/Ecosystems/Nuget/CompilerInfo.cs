using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Verbatim.Rebuild.Ecosystems.Nuget;

/// <summary>
/// The C# compiler an assembly names and the one an SDK holds, as the same text: Roslyn writes its informational
/// version into a portable PDB's compilation options (<c>compiler-version</c>); the SDK's
/// <c>Roslyn/bincore/Microsoft.CodeAnalysis.dll</c> carries the same version as its product version.
/// </summary>
internal static class CompilerInfo
{
    /// <summary>The custom debug information kind of Roslyn's compilation options.</summary>
    private static readonly Guid CompilationOptions = new("B5FEEC05-8CD0-4A83-96DA-466284BB4BD8");

    /// <summary>The compiler version in the assembly's embedded PDB (a deflated portable PDB in its debug directory), else in uncompressed bytes (a standalone PDB); null when it names none.</summary>
    public static string? FromAssembly(byte[] assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        try
        {
            using var pe = new PEReader(new MemoryStream(assembly));
            foreach (var entry in pe.ReadDebugDirectory().Where(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb))
            {
                using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
                var pdb = provider.GetMetadataReader();
                foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
                {
                    var info = pdb.GetCustomDebugInformation(handle);
                    if (pdb.GetGuid(info.Kind) == CompilationOptions)
                    {
                        return Option(pdb.GetBlobBytes(info.Value), "compiler-version");
                    }
                }
            }
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or IOException)
        {
            // Not a PE file, or a malformed debug directory: fall back to the raw search.
        }

        return NugetEcosystem.CompilerVersion(assembly);
    }

    /// <summary>The product version of the SDK's compiler, or null when that SDK is not under <paramref name="dotnetRoot"/>.</summary>
    public static string? OfSdk(string dotnetRoot, string? sdkVersion)
    {
        if (sdkVersion is null || sdkVersion.Contains('/', StringComparison.Ordinal) || sdkVersion.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(dotnetRoot, "sdk", sdkVersion.Trim(), "Roslyn", "bincore", "Microsoft.CodeAnalysis.dll");
        return File.Exists(path) ? FileVersionInfo.GetVersionInfo(path).ProductVersion : null;
    }

    /// <summary>The value of <paramref name="key"/> in compilation options (NUL-terminated UTF-8 key and value pairs).</summary>
    private static string? Option(byte[] blob, string key)
    {
        var parts = Encoding.UTF8.GetString(blob).Split('\0');
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            if (parts[i] == key)
            {
                return parts[i + 1];
            }
        }

        return null;
    }
}
