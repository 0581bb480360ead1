package dev.parley.runtime.gateway.api;

import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of the HTTP API becomes an OpenIM envelope with an errCode that says what to fix. */
public class ApiErrors {
    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    @ServerExceptionMapper
    public Response im(ImException e) {
        return envelope(ApiResult.error(e.errCode().code, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404 || status == 405) {
            return envelope(ApiResult.error(ErrCode.ARGS.code, "no such API route (HTTP " + status + ")"));
        }
        return envelope(ApiResult.error(ErrCode.ARGS.code, "bad request body: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response other(RuntimeException e) {
        LOG.error("API request failed", e);
        return envelope(ApiResult.error(ErrCode.SERVER_INTERNAL.code, "internal error: " + e.getMessage()));
    }

    private static Response envelope(ApiResult result) {
        return Response.ok(result, MediaType.APPLICATION_JSON).build();
    }
}
