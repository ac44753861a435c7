namespace Portico.Proxy.Admission;

/// <summary>How a call left the <see cref="ForwardQueue"/>.</summary>
internal enum QueueResult
{
    /// <summary>It holds a slot (at once or after waiting) and must give it back.</summary>
    Admitted,

    /// <summary>It waited the longest wait allowed and goes without a slot.</summary>
    Overflow,

    /// <summary>Its deadline expired while it waited: the gateway answers DEADLINE_EXCEEDED.</summary>
    Deadline,

    /// <summary>Its client went away while it waited.</summary>
    Canceled,
}
