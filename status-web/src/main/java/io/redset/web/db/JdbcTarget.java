package io.redset.web.db;

/** Where one database is: its JDBC URL and credentials (null when the URL carries them). */
record JdbcTarget(String url, String username, String password) {

    @Override
    public String toString() {
        return "JdbcTarget[url=" + url + ", username=" + username + ", password=" + (password == null ? "null" : "******") + "]";
    }
}
