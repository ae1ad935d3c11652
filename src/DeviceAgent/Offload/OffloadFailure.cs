namespace EdgeControl.DeviceAgent.Offload;

/// <summary>Why an offloaded request got no answer; each is reported as a lost request.</summary>
internal enum OffloadFailure
{
    /// <summary>Nothing listens at the worker's address (the worker is down).</summary>
    Refused,

    /// <summary>No answer within the timeout (Physics.TimeoutSlos times the user's SLO).</summary>
    Timeout,

    /// <summary>429 or 503: the worker's queue is full, and a retry after its Retry-After would not fit in the timeout (or failed again).</summary>
    Busy,

    /// <summary>401: the worker token is missing, wrong, expired or already used.</summary>
    Unauthorized,

    /// <summary>400: the worker says the body or headers do not match the token's variant.</summary>
    BadRequest,

    /// <summary>Another HTTP status, or an answer that is not an InferenceAnswer for this request.</summary>
    BadAnswer,

    /// <summary>Another network fault (reset, unreachable host, DNS).</summary>
    Network,
}
