namespace Verbatim.Worker;

/// <summary>How a worker runs: jobs at once, how long to wait when the queue is empty, where scratch directories go.</summary>
public sealed record WorkerOptions
{
    public int Concurrency { get; init; } = 1;

    /// <summary>The wait after an empty lease (doubled while the queue stays empty, up to <see cref="MaxIdleWait"/>).</summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxIdleWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait after the server could not be reached (doubled up to <see cref="MaxIdleWait"/>).</summary>
    public TimeSpan RetryWait { get; init; } = TimeSpan.FromMilliseconds(200);

    public string ScratchRoot { get; init; } = Path.GetTempPath();
}

/// <summary>What a worker reports as it goes (the CLI prints these; tests count them).</summary>
public sealed record WorkerEvent(string Kind, long JobId, string Message)
{
    public const string Started = "started";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string LeaseLost = "lease-lost";
    public const string Unreachable = "unreachable";
}
