package io.dtaas.connect.jdbc;

import io.dtaas.error.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared lexer under each server's rules: one statement exactly where the server sees one. */
class SqlStatementGuardTest {

    private static final String ISSUE_ATTACK = "SELECT '\\'; COMMIT; DELETE FROM victim WHERE id=3; COMMIT; --'";
    private static final LexicalSettings PG_STANDARD = new LexicalSettings(false, true);
    private static final LexicalSettings PG_OLD_STRINGS = new LexicalSettings(true, true);
    private static final LexicalSettings MY_DEFAULT = new LexicalSettings(true, false);
    private static final LexicalSettings MY_NO_BACKSLASH = new LexicalSettings(false, false);
    private static final LexicalSettings MY_ANSI = new LexicalSettings(true, true);

    private static ReadStatement pg(String sql) {
        return SqlStatementGuard.single(sql, SqlLexicon.POSTGRESQL, PG_STANDARD);
    }

    private static ReadStatement my(String sql, LexicalSettings settings) {
        return SqlStatementGuard.single(sql, SqlLexicon.MYSQL, settings);
    }

    @Test
    void theIssuesAttackIsSeveralStatementsToPostgresqlWithStandardStrings() {
        assertThatThrownBy(() -> pg(ISSUE_ATTACK)).isInstanceOf(ConfigError.class)
                .hasMessage("sql: only one statement is allowed; found more after the ';' at position 11");
    }

    @Test
    void theIssuesAttackIsOneStatementWhereBackslashesEscape() {
        // standard_conforming_strings off, or MySQL by default: the whole rest is one string, and that is what runs
        assertThat(SqlStatementGuard.single(ISSUE_ATTACK, SqlLexicon.POSTGRESQL, PG_OLD_STRINGS).text())
                .isEqualTo(ISSUE_ATTACK);
        assertThat(my(ISSUE_ATTACK, MY_DEFAULT).text()).isEqualTo(ISSUE_ATTACK);
        assertThatThrownBy(() -> my(ISSUE_ATTACK, MY_NO_BACKSLASH)).isInstanceOf(ConfigError.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1", "select * from t;", "SELECT 1;;  -- trailing\n/* and */ ;",
            "  -- comment\n WITH x AS (SELECT 1) SELECT * FROM x ;  -- trailing",
            "SELECT ';' AS semi, \"a;b\" FROM t", "SELECT \"a\"\";b\" FROM t",
            "SELECT $$;$$, $tag$ ; $tag$", "SELECT $a$ $b$ ; $b$ $a$", "SELECT E'\\';' || 'x'",
            "SELECT e'\\\\', 'a\\'", "SELECT U&'\\0041;'", "SELECT U&\"a;\"\"\" FROM t",
            "SELECT 1 /* /* nested ; */ still ; */", "SELECT 1 /* /* */ ; DELETE FROM victim */", "SELECT 1 -- ; \n", "SELECT B'0;1'", "SELECT 'it''s; fine'",
            "SELECT a$b$c FROM t", "SELECT $1", "SELECT 1$a$; DELETE FROM victim; $a$", "(SELECT 1) UNION (SELECT 2)"})
    void postgresqlSingleStatements(String sql) {
        assertThat(pg(sql).tokens()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1; DELETE FROM victim", "SELECT 'a\\'; DELETE FROM victim; --'",
            "SELECT $a$ x $a$; DELETE FROM victim",
            "SELECT 1 /* */ ; DELETE FROM victim", "SELECT \"a\\\"; DELETE FROM victim; --\"",
            "SELECT 1 --x\r; DELETE FROM victim", "SELECT 1 ; ; COMMIT",
            "SELECT U&'\\'; DELETE FROM victim; --'", "SELECT B'\\'; DELETE FROM victim; --'"})
    void postgresqlSeveralStatements(String sql) {
        assertThatThrownBy(() -> pg(sql)).isInstanceOf(ConfigError.class).hasMessageContaining("only one statement");
    }

    @Test
    void postgresqlNestedCommentsMustClose() {
        assertThatThrownBy(() -> pg("SELECT 1 /* /* */ ; DELETE FROM victim")).hasMessageContaining("unterminated comment");
        assertThatThrownBy(() -> pg("SELECT $x$ ;")).hasMessageContaining("unterminated $x$ string");
        assertThatThrownBy(() -> pg("SELECT 'abc")).hasMessage("sql: unterminated string starting at position 8");
    }

    @Test
    void whatIsSentStopsBeforeTheSeparator() {
        assertThat(pg("SELECT 1 ; -- done").text()).isEqualTo("SELECT 1 ");
        assertThat(pg("SELECT 1 -- done").text()).isEqualTo("SELECT 1 -- done");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 'a\\'; b'", "SELECT \"a\\\"; b\"", "SELECT `a;b` FROM t", "SELECT 1 # ; comment\n",
            "SELECT 1 -- ; comment", "SELECT 1--1", "SELECT 1 /* ; */", "SELECT 'it''s ;'", "SELECT 1 --\t;"})
    void mysqlSingleStatements(String sql) {
        assertThat(my(sql, MY_DEFAULT).tokens()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1--1; DELETE FROM victim", "SELECT 1 /* /* */ ; DELETE FROM victim",
            "SELECT `a``;` ; DELETE FROM victim", "SELECT 1 #x\n; DELETE FROM victim"})
    void mysqlSeveralStatements(String sql) {
        assertThatThrownBy(() -> my(sql, MY_DEFAULT)).hasMessageContaining("only one statement");
    }

    @Test
    void mysqlSessionSettingsDecide() {
        String doubleQuoted = "SELECT \"a\\\"; DELETE FROM victim; -- \"";
        assertThat(my(doubleQuoted, MY_DEFAULT).text()).isEqualTo(doubleQuoted);
        assertThatThrownBy(() -> my(doubleQuoted, MY_ANSI)).hasMessageContaining("only one statement");
        assertThatThrownBy(() -> my("SELECT 'a\\'; DELETE FROM victim; -- '", MY_NO_BACKSLASH))
                .hasMessageContaining("only one statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1 /*!INTO OUTFILE 'x.txt' */", "SELECT 1 /*!50000 , 2 */", "SELECT /*M!100000 1 */",
            "SELECT /*m! 1 */", "SELECT '/*!'", "SELECT 1 -- /*! x */"})
    void mysqlExecutableCommentsAreRefusedWhereverTheyStand(String sql) {
        assertThatThrownBy(() -> my(sql, MY_DEFAULT)).hasMessageContaining("executable comments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT [a;b] FROM t", "SELECT [a]];b] FROM t", "SELECT N'x;y'", "SELECT 'a\\'",
            "SELECT 1 /* /* ; */ ; */", "SELECT \"a;b\""})
    void sqlServerSingleStatements(String sql) {
        assertThat(SqlStatementGuard.single(sql, SqlLexicon.SQL_SERVER, LexicalSettings.STANDARD).tokens()).isNotEmpty();
    }

    @Test
    void sqlServerHasNoBackslashEscapes() {
        assertThatThrownBy(() -> SqlStatementGuard.single("SELECT 'a\\'; DELETE FROM victim; --'",
                SqlLexicon.SQL_SERVER, LexicalSettings.STANDARD)).hasMessageContaining("only one statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT q'[a';b]' FROM dual", "SELECT Q'{;'}' FROM dual", "SELECT nq'!;!' FROM dual",
            "SELECT q'<a>;'>' FROM dual"})
    void oracleAlternativeQuoting(String sql) {
        assertThat(SqlStatementGuard.single(sql, SqlLexicon.ORACLE, LexicalSettings.STANDARD).tokens()).isNotEmpty();
    }

    @Test
    void oracleCommentsDoNotNest() {
        assertThatThrownBy(() -> SqlStatementGuard.single("SELECT 1 FROM dual /* /* */ ; DELETE FROM victim */",
                SqlLexicon.ORACLE, LexicalSettings.STANDARD)).hasMessageContaining("only one statement");
    }

    @Test
    void parenthesesMustBalance() {
        assertThatThrownBy(() -> pg("SELECT 1) AS q, (SELECT 2")).hasMessageContaining("unbalanced ')'");
        assertThatThrownBy(() -> pg("SELECT (1")).hasMessageContaining("unbalanced parentheses");
    }

    @Test
    void requiresText() {
        assertThatThrownBy(() -> pg("  ")).hasMessage("sql: is required");
        assertThatThrownBy(() -> pg(" -- only a comment\n;")).hasMessageContaining("holds no statement");
        assertThatThrownBy(() -> pg("x".repeat(SqlStatementGuard.MAX_LENGTH + 1))).hasMessageContaining("at most");
    }

    @Test
    void precheckWithoutAServer() {
        assertThat(SqlStatementGuard.precheck(" (select 1)")).isEqualTo(" (select 1)");
        assertThatThrownBy(() -> SqlStatementGuard.precheck("DELETE FROM t")).hasMessageContaining("found DELETE");
    }

    @Test
    void readRulesRefuseIntoAndLocks() {
        ReadRules rules = new ReadRules(java.util.Set.of("SELECT"), java.util.Set.of(), ReadRules.LOCKING);
        assertThatThrownBy(() -> rules.check(pg("SELECT * INTO new_table FROM t"))).hasMessageContaining("INTO writes");
        assertThatThrownBy(() -> rules.check(pg("SELECT * FROM t FOR UPDATE"))).hasMessageContaining("FOR UPDATE locks");
        assertThatThrownBy(() -> rules.check(pg("SELECT * FROM t FOR NO KEY UPDATE"))).hasMessageContaining("locks");
        assertThatThrownBy(() -> rules.check(pg("DELETE FROM t"))).hasMessageContaining("found DELETE");
        assertThat(rules.check(pg("SELECT 'into', \"into\", intox, 'for update' FROM t")).keyword()).isEqualTo("SELECT");
    }
}
