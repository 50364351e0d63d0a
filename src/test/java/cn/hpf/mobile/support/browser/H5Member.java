package cn.hpf.mobile.support.browser;

import cn.hpf.mobile.support.Fixtures;

/**
 * Puts a member's session into the member page as its login would (sessionStorage {@code hpf.h5.session}), so
 * that a test of one view does not walk through the login each time.
 */
public final class H5Member {

    private H5Member() {
    }

    /** Loads {@code path} signed in as {@code member}. */
    public static void open(Browser browser, Fixtures.Member member, String path) {
        browser.get("/h5/verify");
        browser.script("sessionStorage.setItem('hpf.h5.session', JSON.stringify({accessToken: arguments[0], "
                + "refreshToken: null, expiresAt: Date.now() + 3600000}));", member.token());
        browser.get(path);
    }

    /** Loads {@code path} with no member signed in. */
    public static void openSignedOut(Browser browser, String path) {
        browser.get("/h5/verify");
        browser.script("sessionStorage.clear();");
        browser.get(path);
    }
}
