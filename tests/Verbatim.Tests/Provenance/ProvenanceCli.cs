namespace Verbatim.Tests.Provenance;

/// <summary>Runs CLI commands in-process the way Program.cs does, capturing their output.</summary>
internal static class ProvenanceCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var result = Support.InProcessCli.Run(args);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }
}
