namespace Verbatim.Common.Records;

/// <summary>The limits the steps ran under.</summary>
public sealed record LimitsRecord(long TimeoutSeconds, int Processes, long OutputBytes);
