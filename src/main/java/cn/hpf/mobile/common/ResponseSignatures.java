package cn.hpf.mobile.common;

import java.util.Map;

/**
 * Headers that sign a response's exact bytes, for the routes whose clients verify every answer (the partner API):
 * also applied to answers the application gives before a request reaches its resources (shed load).
 */
public interface ResponseSignatures {

    /** The headers to add to this response, or an empty map when the path's answers are not signed. */
    Map<String, String> headers(String path, String requestAuthorization, byte[] body);
}
