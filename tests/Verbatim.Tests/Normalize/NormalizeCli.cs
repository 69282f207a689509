namespace Verbatim.Tests.Normalize;

/// <summary>Runs <c>verbatim normalize</c> in-process with a controlled SOURCE_DATE_EPOCH (null: not set).</summary>
public static class NormalizeCli
{
    public static Support.Cli.Result Run(string? sourceDateEpoch, params string[] args)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sourceDateEpoch is not null)
        {
            environment["SOURCE_DATE_EPOCH"] = sourceDateEpoch;
        }

        return Support.InProcessCli.Run(environment, ["normalize", .. args]);
    }
}
