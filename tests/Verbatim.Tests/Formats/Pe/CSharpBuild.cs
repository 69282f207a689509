using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Verbatim.Tests.Formats.Pe;

/// <summary>Compiles small C# sources in process (Roslyn) into assembly bytes, for PE comparison fixtures.</summary>
internal static class CSharpBuild
{
    private static readonly MetadataReference[] References = LoadReferences();

    /// <param name="sourcePath">The source file's path as recorded in the PDB.</param>
    /// <param name="pdb">Embedded (default), a standalone portable PDB returned in <paramref name="pdbBytes"/>, or none.</param>
    public static byte[] Compile(
        string source,
        bool deterministic = true,
        string sourcePath = "/src/Program.cs",
        DebugInformationFormat? pdb = DebugInformationFormat.Embedded,
        IReadOnlyList<(string Name, byte[] Bytes)>? resources = null,
        string assemblyName = "Sample")
        => Compile(source, out _, deterministic, sourcePath, pdb, resources, assemblyName);

    /// <summary>A library and its standalone portable PDB.</summary>
    public static (byte[] Image, byte[] Pdb) CompileWithPdb(string source, string sourcePath, LanguageVersion language = LanguageVersion.Latest)
    {
        var image = Compile(source, out var pdb, true, sourcePath, DebugInformationFormat.PortablePdb, null, "Sample", language);
        return (image, pdb!);
    }

    public static byte[] Compile(
        string source,
        out byte[]? pdbBytes,
        bool deterministic = true,
        string sourcePath = "/src/Program.cs",
        DebugInformationFormat? pdb = DebugInformationFormat.Embedded,
        IReadOnlyList<(string Name, byte[] Bytes)>? resources = null,
        string assemblyName = "Sample",
        LanguageVersion language = LanguageVersion.Latest)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language), sourcePath, System.Text.Encoding.UTF8);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: deterministic, optimizationLevel: OptimizationLevel.Release);
        var compilation = CSharpCompilation.Create(assemblyName, [tree], References, options);
        using var pe = new MemoryStream();
        using var pdbStream = pdb == DebugInformationFormat.PortablePdb ? new MemoryStream() : null;
        var emit = pdb is { } format ? new EmitOptions(debugInformationFormat: format, pdbFilePath: Path.ChangeExtension(sourcePath, ".pdb")) : new EmitOptions();
        var manifest = resources?.Select(r => new ResourceDescription(r.Name, () => new MemoryStream(r.Bytes), isPublic: true)).ToList();
        var result = compilation.Emit(pe, pdbStream, manifestResources: manifest, options: emit);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        }

        pdbBytes = pdbStream?.ToArray();
        return pe.ToArray();
    }

    /// <summary>The file offset of the MVID GUID in an assembly.</summary>
    public static int MvidOffset(byte[] image)
    {
        using var reader = new PEReader(new MemoryStream(image));
        var metadata = reader.GetMetadataReader();
        var mvid = metadata.GetGuid(metadata.GetModuleDefinition().Mvid).ToByteArray();
        var offset = image.AsSpan().IndexOf(mvid);
        Assert.True(offset > 0);
        return offset;
    }

    private static MetadataReference[] LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        string[] wanted = ["System.Private.CoreLib.dll", "System.Runtime.dll", "System.Console.dll"];
        return [.. trusted.Where(p => wanted.Contains(Path.GetFileName(p))).Select(p => MetadataReference.CreateFromFile(p))];
    }
}
