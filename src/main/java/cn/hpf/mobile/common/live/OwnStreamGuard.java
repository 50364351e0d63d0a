package cn.hpf.mobile.common.live;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An event stream sends its headers (200) before the first event, so "not yours / not found" cannot come from the
 * stream itself: a request filter bound to the stream's resource asks this guard, which answers 404 problem+json
 * before the stream opens. Other cases (no token, not a member) pass through to the security checks, which answer
 * 401/403.
 *
 * <p>Per resource: a {@code @NameBinding} annotation on the resource, and a filter class with one
 * {@code @ServerRequestFilter} method carrying that annotation that returns {@link #requireOwn}.
 */
@Singleton
public class OwnStreamGuard {

    /** Finds the member's own item, or null when there is none with this id for this member. */
    @FunctionalInterface
    public interface OwnLookup {
        Uni<?> find(UUID id, long memberId);
    }

    private final CurrentIdentityAssociation identities;

    public OwnStreamGuard(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /**
     * Fails with {@code notFound} (given the raw id) unless {@code lookup} finds the path parameter {@code id} for
     * the calling member, whose tokens carry {@code memberRole} and the member id as subject.
     */
    public Uni<Void> requireOwn(UriInfo uri, String memberRole, OwnLookup lookup,
                                Function<String, ? extends RuntimeException> notFound) {
        String id = uri.getPathParameters().getFirst("id");
        return identities.getDeferredIdentity().chain(identity -> {
            if (identity.isAnonymous() || !identity.hasRole(memberRole)
                    || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                return Uni.createFrom().voidItem();
            }
            long memberId;
            UUID itemId;
            try {
                memberId = Long.parseLong(jwt.getSubject());
                itemId = UUID.fromString(id);
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(notFound.apply(id));
            }
            return lookup.find(itemId, memberId).onItem().ifNull().failWith(() -> notFound.apply(id)).replaceWithVoid();
        });
    }
}
