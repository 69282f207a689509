using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Verbatim.Cli.Output;

/// <summary>
/// <c>verbatim --version</c>: the version, and how this binary was built: <c>native AOT</c> (a native executable),
/// <c>ReadyToRun</c> (precompiled IL run by <c>dotnet</c>) or <c>JIT</c> (a plain build, as the tests use).
/// </summary>
public sealed class VersionAction(CliContext cli) : SynchronousCommandLineAction
{
    public static string Text
    {
        get
        {
            var assembly = typeof(VersionAction).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            return $"{version} ({BuildMode(assembly)})";
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        cli.Out.WriteLine(Text);
        return ExitCodes.Ok;
    }

    private static string BuildMode(Assembly assembly)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return "native AOT";
        }

        var readyToRun = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Any(a => a.Key == "Verbatim.ReadyToRun" && a.Value == "true");
        return readyToRun ? "ReadyToRun" : "JIT";
    }
}
