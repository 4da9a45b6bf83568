import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints the BCrypt hash of a password, for an account the benchmarks create in the database; an optional
 * second argument sets its cost (4 for benchmarks that sign hundreds of accounts in, where the sign-in's
 * own cost is not what they measure).
 */
public class BenchPassword {
    public static void main(String[] args) {
        int strength = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println(new BCryptPasswordEncoder(strength).encode(args[0]));
    }
}
