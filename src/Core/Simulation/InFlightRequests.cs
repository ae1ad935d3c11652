namespace EdgeControl.Core.Simulation;

/// <summary>Completion times of the requests currently occupying one node.</summary>
internal sealed class InFlightRequests
{
    private double[] _completions = new double[8];

    public int Count { get; private set; }

    public void Add(double completesAt)
    {
        if (Count == _completions.Length)
        {
            Array.Resize(ref _completions, Count * 2);
        }

        _completions[Count++] = completesAt;
    }

    /// <summary>Forgets every request that has completed by <paramref name="now"/>.</summary>
    public void Retire(double now)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_completions[i] > now)
            {
                _completions[kept++] = _completions[i];
            }
        }

        Count = kept;
    }

    public void Clear() => Count = 0;
}
