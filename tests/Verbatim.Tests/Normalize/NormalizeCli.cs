using System.Diagnostics;

namespace Verbatim.Tests.Normalize;

/// <summary>Runs <c>verbatim normalize</c> as a separate process with a controlled SOURCE_DATE_EPOCH.</summary>
public static class NormalizeCli
{
    public static Support.Cli.Result Run(string? sourceDateEpoch, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verbatim.dll"));
        info.ArgumentList.Add("normalize");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("SOURCE_DATE_EPOCH");
        if (sourceDateEpoch is not null)
        {
            info.Environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Support.Cli.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
