namespace VodManager.Core.Export;

/// <summary>
/// One async lock per key, dropped when nobody holds or waits for it. Two exports of the same (clip, profile,
/// framing, chat) in this process run one after the other, so the second finds the first's VOD instead of writing
/// the same pending row twice.
/// </summary>
public sealed class KeyedLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var entry = _locks.TryGetValue(key, out var found) ? found : (Gate: new SemaphoreSlim(1, 1), Users: 0);
            _locks[key] = (entry.Gate, entry.Users + 1);
            gate = entry.Gate;
        }

        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, release: false);
            throw;
        }

        return new Holder(() => Leave(key, release: true));
    }

    private void Leave(string key, bool release)
    {
        lock (_locks)
        {
            var (gate, users) = _locks[key];
            if (release)
            {
                gate.Release();
            }

            if (users == 1)
            {
                _locks.Remove(key);
                gate.Dispose();
            }
            else
            {
                _locks[key] = (gate, users - 1);
            }
        }
    }

    private sealed class Holder(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }
}
