using EdgeControl.Worker.Api;

namespace EdgeControl.Worker.Tests;

/// <summary>The one-use memory of request ids: each id once until its token expires, and never more ids than its capacity.</summary>
public sealed class UsedRequestIdsTests
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddMinutes(5);

    [Fact]
    public void An_id_is_claimed_once()
    {
        var used = new UsedRequestIds(10, TimeProvider.System);

        Assert.Equal(UsedRequestIds.Claim.Claimed, used.TryClaim("r1", Later));
        Assert.Equal(UsedRequestIds.Claim.AlreadyUsed, used.TryClaim("r1", Later));
    }

    [Fact]
    public void A_released_id_may_be_claimed_again()
    {
        var used = new UsedRequestIds(10, TimeProvider.System);
        used.TryClaim("r1", Later);

        used.Release("r1");

        Assert.Equal(UsedRequestIds.Claim.Claimed, used.TryClaim("r1", Later));
    }

    [Fact]
    public void At_capacity_the_expired_ids_are_forgotten_to_make_room()
    {
        var used = new UsedRequestIds(2, TimeProvider.System);
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        used.TryClaim("old-1", past);
        used.TryClaim("old-2", past);

        Assert.Equal(UsedRequestIds.Claim.Claimed, used.TryClaim("new", Later));
        Assert.Equal(1, used.Count);
    }

    [Fact]
    public void At_capacity_with_every_id_still_live_a_new_id_is_refused_rather_than_remembered()
    {
        var used = new UsedRequestIds(2, TimeProvider.System);
        used.TryClaim("r1", Later);
        used.TryClaim("r2", Later);

        Assert.Equal(UsedRequestIds.Claim.Full, used.TryClaim("r3", Later));
        Assert.Equal(2, used.Count);
    }
}
