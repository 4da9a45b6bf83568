import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Prints the BCrypt hash of a password, for an account the benchmarks create in the database. */
public class BenchPassword {
    public static void main(String[] args) {
        System.out.println(new BCryptPasswordEncoder().encode(args[0]));
    }
}
