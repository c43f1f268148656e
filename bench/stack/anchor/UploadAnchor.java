import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference of the upload benchmark: the least a server on the same Payara Micro does to accept an upload.
 * It streams the request body to a temporary file, removes the file and answers 202 with a small JSON body.
 */
@WebServlet("/upload")
public class UploadAnchor extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Path file = Files.createTempFile("upload-anchor-", ".part");
        try {
            try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        byte[] body = "{\"status\":\"accepted\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
